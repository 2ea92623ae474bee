// The two SPI objects CTP calls back through. Each override enters a Session::Scope (so
// shutdown can wait for callbacks in progress) and hands the vendor's pointers to the Session,
// which converts them before returning. Every callback the adapter handles is here; the rest
// keep the SDK's empty defaults.
#ifndef TSTRADER_CTP_SPI_H
#define TSTRADER_CTP_SPI_H

#include "ctp_session.h"
#include "ctp_text.h"

namespace ctp {

class TraderSpi final : public CThostFtdcTraderSpi {
 public:
  explicit TraderSpi(Session *s) : s_(s) {}

  void OnFrontConnected() override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_front_connected();
  }
  void OnFrontDisconnected(int nReason) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_front_disconnected(nReason);
  }
  void OnHeartBeatWarning(int nTimeLapse) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->emit_log(TSC_LOG_WARNING, "交易前置已 " + std::to_string(nTimeLapse) + " 秒无报文（心跳告警）");
  }
  void OnRspAuthenticate(CThostFtdcRspAuthenticateField *, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_login_step('A', nRequestID, pRspInfo, nullptr);
  }
  void OnRspUserLogin(CThostFtdcRspUserLoginField *pRspUserLogin, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_login_step('L', nRequestID, pRspInfo, pRspUserLogin);
  }
  void OnRspSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField *, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_login_step('C', nRequestID, pRspInfo, nullptr);
  }
  void OnRspError(CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_rsp_error(pRspInfo, nRequestID);
  }
  void OnRspQryInstrument(CThostFtdcInstrumentField *p, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool bIsLast) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_instrument(p, pRspInfo, nRequestID, bIsLast);
  }
  void OnRspQryOrder(CThostFtdcOrderField *p, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool bIsLast) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_order(p, pRspInfo, nRequestID, bIsLast);
  }
  void OnRspQryTrade(CThostFtdcTradeField *p, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool bIsLast) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_trade(p, pRspInfo, nRequestID, bIsLast);
  }
  void OnRspQryInvestorPosition(CThostFtdcInvestorPositionField *p, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool bIsLast) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_position(p, pRspInfo, nRequestID, bIsLast);
  }
  void OnRspQryTradingAccount(CThostFtdcTradingAccountField *p, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool bIsLast) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_account(p, pRspInfo, nRequestID, bIsLast);
  }
  void OnRspOrderInsert(CThostFtdcInputOrderField *p, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_insert_refused(p, pRspInfo, nRequestID);
  }
  void OnErrRtnOrderInsert(CThostFtdcInputOrderField *p, CThostFtdcRspInfoField *pRspInfo) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_insert_refused(p, pRspInfo, 0);
  }
  void OnRspOrderAction(CThostFtdcInputOrderActionField *p, CThostFtdcRspInfoField *pRspInfo, int nRequestID, bool) override {
    Session::Scope scope(s_);
    if (scope.live() && p) s_->on_cancel_refused(field(p->OrderRef), p->FrontID, p->SessionID, pRspInfo, nRequestID);
  }
  void OnErrRtnOrderAction(CThostFtdcOrderActionField *p, CThostFtdcRspInfoField *pRspInfo) override {
    Session::Scope scope(s_);
    if (scope.live() && p) s_->on_cancel_refused(field(p->OrderRef), p->FrontID, p->SessionID, pRspInfo, 0);
  }
  void OnRtnOrder(CThostFtdcOrderField *p) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_order(p, nullptr, 0, true);
  }
  void OnRtnTrade(CThostFtdcTradeField *p) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_trade(p, nullptr, 0, true);
  }
  void OnRtnTradingNotice(CThostFtdcTradingNoticeInfoField *p) override {
    Session::Scope scope(s_);
    if (scope.live() && p) s_->emit_log(TSC_LOG_INFO, "柜台通知：" + gb_to_utf8(p->FieldContent));
  }

 private:
  Session *s_;
};

class MdSpi final : public CThostFtdcMdSpi {
 public:
  explicit MdSpi(Session *s) : s_(s) {}

  void OnFrontConnected() override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_md_front_connected();
  }
  void OnFrontDisconnected(int nReason) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_md_front_disconnected(nReason);
  }
  void OnRspUserLogin(CThostFtdcRspUserLoginField *, CThostFtdcRspInfoField *pRspInfo, int, bool) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_md_login(pRspInfo);
  }
  void OnRspError(CThostFtdcRspInfoField *pRspInfo, int, bool) override {
    Session::Scope scope(s_);
    if (scope.live() && pRspInfo && pRspInfo->ErrorID != 0)
      s_->emit_log(TSC_LOG_WARNING, "行情前置错误：" + gb_to_utf8(pRspInfo->ErrorMsg) + "（错误码 " + std::to_string(pRspInfo->ErrorID) + "）");
  }
  void OnRspSubMarketData(CThostFtdcSpecificInstrumentField *p, CThostFtdcRspInfoField *pRspInfo, int, bool) override {
    Session::Scope scope(s_);
    if (scope.live()) s_->on_md_subscribe_refused(p, pRspInfo);
  }
  void OnRtnDepthMarketData(CThostFtdcDepthMarketDataField *p) override {
    Session::Scope scope(s_);
    if (scope.live() && p) s_->on_depth(p);
  }

 private:
  Session *s_;
};

}  // namespace ctp

#endif
