/** One dark ag-grid theme for every monitor, and the community modules registered once. */
import { AllCommunityModule, ModuleRegistry, colorSchemeDark, themeBalham } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeBalham.withPart(colorSchemeDark).withParams({
  backgroundColor: '#1b1d22',
  foregroundColor: '#d8dce3',
  headerBackgroundColor: '#23262d',
  oddRowBackgroundColor: '#1f2127',
  rowHoverColor: '#2c3340',
  selectedRowBackgroundColor: '#2f3b52',
  fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", system-ui, sans-serif',
  fontSize: 12,
  rowHeight: 24,
  headerHeight: 26,
});

/** The few ag-grid texts a monitor shows, in Chinese. */
export const GRID_LOCALE: Record<string, string> = {
  noRowsToShow: '暂无数据',
  loadingOoo: '加载中…',
};
