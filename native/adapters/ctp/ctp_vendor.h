// The vendor's libraries, loaded at connect with dlopen rather than linked: the trader points
// the connect form at the library their broker gave them. The create functions are C++ static
// members, found by their mangled names; which form (6.5.x: CreateFtdcTraderApi(flowPath),
// 6.7.x: (flowPath, bIsProductionMode)) is decided at compile time from the headers the
// adapter is built against, so the call always matches the declaration.
#ifndef TSTRADER_CTP_VENDOR_H
#define TSTRADER_CTP_VENDOR_H

#include <string>

#include "ThostFtdcMdApi.h"
#include "ThostFtdcTraderApi.h"

namespace ctp {

struct VendorResult {
  std::string error;    // Chinese, empty on success
  std::string version;  // the library's GetApiVersion(), when it has one
};

// Load `path` (once per process: vendor libraries keep threads and static state, so they are
// never unloaded) and create a trader API writing its flow files under `flow_dir`.
CThostFtdcTraderApi *create_trader_api(const std::string &path, const std::string &flow_dir, bool production_mode,
                                       VendorResult *result);
CThostFtdcMdApi *create_md_api(const std::string &path, const std::string &flow_dir, bool production_mode,
                               VendorResult *result);

// Whether the headers built against distinguish production from test (穿透式测试) mode.
bool api_has_production_mode();

}  // namespace ctp

#endif
