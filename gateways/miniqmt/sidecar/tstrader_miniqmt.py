#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""TS Trader's MiniQMT sidecar.

Runs XtQuant's xttrader (and xtdata for contracts and quotes) for the MINIQMT gateway and
speaks newline-delimited JSON with it over stdin/stdout:

  sidecar -> gateway   {"type": "hello", ...}                  first line, always
                       {"type": "result", "id": N, "result": ...}
                       {"type": "error", "id": N, "error": {"code": ..., "message": ...}}
                       {"type": "event", "name": "on_stock_order", "data": {...}}
                       {"type": "log", "level": "WARNING", "msg": ...}
  gateway -> sidecar   {"id": N, "method": "connect", "params": {...}}

No dependency but the standard library and xtquant. Everything xtquant or anything else
prints goes to stderr: stdout carries the protocol alone. The sidecar exits when its stdin
closes, so it never outlives the terminal that started it.
"""

import json
import math
import os
import platform
import sys
import threading
import time
import traceback

PROTOCOL = 1
VERSION = "1.0.0"

# The documented attributes of each XtQuant object (xttrader reference, 数据结构说明).
FIELDS = {
    "XtAsset": ["account_type", "account_id", "cash", "frozen_cash", "market_value", "total_asset"],
    "XtOrder": [
        "account_type", "account_id", "stock_code", "order_id", "order_sysid", "order_time", "order_type",
        "order_volume", "price_type", "price", "traded_volume", "traded_price", "order_status", "status_msg",
        "strategy_name", "order_remark", "direction", "offset_flag",
    ],
    "XtTrade": [
        "account_type", "account_id", "stock_code", "order_type", "traded_id", "traded_time", "traded_price",
        "traded_volume", "traded_amount", "order_id", "order_sysid", "strategy_name", "order_remark",
        "direction", "offset_flag",
    ],
    "XtPosition": [
        "account_type", "account_id", "stock_code", "volume", "can_use_volume", "open_price", "market_value",
        "frozen_volume", "on_road_volume", "yesterday_volume", "avg_price", "direction",
    ],
    "XtOrderResponse": ["account_type", "account_id", "order_id", "strategy_name", "order_remark", "seq"],
    "XtCancelOrderResponse": ["account_type", "account_id", "order_id", "order_sysid", "cancel_result", "seq"],
    "XtOrderError": ["account_type", "account_id", "order_id", "error_id", "error_msg", "strategy_name", "order_remark"],
    "XtCancelError": ["account_type", "account_id", "order_id", "market", "order_sysid", "error_id", "error_msg"],
    "XtAccountStatus": ["account_type", "account_id", "status"],
    "XtCreditDetail": [
        "account_type", "account_id", "m_nStatus", "m_nUpdateTime", "m_nCalcConfig", "m_dFrozenCash", "m_dBalance",
        "m_dAvailable", "m_dPositionProfit", "m_dMarketValue", "m_dFetchBalance", "m_dStockValue", "m_dFundValue",
        "m_dTotalDebt", "m_dEnableBailBalance", "m_dPerAssurescaleValue", "m_dAssureAsset", "m_dFinDebt",
        "m_dFinDealAvl", "m_dFinFee", "m_dSloDebt", "m_dSloMarketValue", "m_dSloFee", "m_dOtherFare",
        "m_dFinMaxQuota", "m_dFinEnableQuota", "m_dFinUsedQuota", "m_dSloMaxQuota", "m_dSloEnableQuota",
        "m_dSloUsedQuota", "m_dSloSellBalance", "m_dUsedSloSellBalance", "m_dSurplusSloSellBalance",
    ],
    "StkCompacts": [
        "account_type", "account_id", "compact_type", "cashgroup_prop", "exchange_id", "open_date", "business_vol",
        "real_compact_vol", "ret_end_date", "business_balance", "businessFare", "real_compact_balance",
        "real_compact_fare", "repaid_fare", "repaid_balance", "instrument_id", "compact_id", "position_str",
    ],
    "CreditSubjects": ["account_type", "account_id", "slo_status", "fin_status", "exchange_id", "slo_ratio", "fin_ratio", "instrument_id"],
    "CreditSloCode": ["account_type", "account_id", "cashgroup_prop", "exchange_id", "enable_amount", "instrument_id"],
    "CreditAssure": ["account_type", "account_id", "assure_status", "exchange_id", "assure_ratio", "instrument_id"],
}

# The callbacks forwarded, and the object each receives.
CALLBACKS = {
    "on_stock_order": "XtOrder",
    "on_stock_trade": "XtTrade",
    "on_order_error": "XtOrderError",
    "on_cancel_error": "XtCancelError",
    "on_order_stock_async_response": "XtOrderResponse",
    "on_cancel_order_stock_async_response": "XtCancelOrderResponse",
    "on_account_status": "XtAccountStatus",
}


def json_value(v):
    """A value JSON can carry: NaN and infinities become null, unknown objects their text."""
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, (list, tuple)):
        return [json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): json_value(x) for k, x in v.items()}
    if hasattr(v, "tolist"):  # numpy arrays and scalars, which xtdata may hand out
        return json_value(v.tolist())
    try:
        return float(v) if math.isfinite(float(v)) else None
    except (TypeError, ValueError):
        return str(v)


def to_record(obj, kind):
    """An XtQuant object as a dict of its documented attributes (others too, when it has __dict__)."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        return json_value(obj)
    out = {}
    attrs = getattr(obj, "__dict__", None)
    if isinstance(attrs, dict):
        for k, v in attrs.items():
            if not k.startswith("_"):
                out[k] = json_value(v)
    for name in FIELDS.get(kind, []):
        if hasattr(obj, name):
            out[name] = json_value(getattr(obj, name))
    return out


def to_records(items, kind):
    return [to_record(x, kind) for x in (items or [])]


class Channel:
    """The protocol stream: the real stdout, kept for ourselves; fd 1 is pointed at stderr."""

    def __init__(self):
        proto_fd = os.dup(1)
        os.dup2(2, 1)  # C code inside xtquant printing to stdout now lands on stderr
        sys.stdout = sys.stderr
        if os.name == "nt":
            import msvcrt  # noqa: PLC0415 (Windows only)

            msvcrt.setmode(proto_fd, os.O_BINARY)
        self._out = os.fdopen(proto_fd, "wb", buffering=0)
        self._lock = threading.Lock()

    def send(self, message):
        line = (json.dumps(message, ensure_ascii=True, allow_nan=False, separators=(",", ":")) + "\n").encode("ascii")
        with self._lock:
            try:
                self._out.write(line)
            except (BrokenPipeError, OSError):
                # The gateway is gone; the stdin loop sees EOF and ends the process.
                pass

    def event(self, name, data):
        self.send({"type": "event", "name": name, "data": data})

    def log(self, level, msg):
        self.send({"type": "log", "level": level, "msg": msg})


class RequestError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def import_xtquant(xtquant_dir):
    """Import xtquant the way the gateway's form says; returns (modules, hello info)."""
    if xtquant_dir:
        sys.path.insert(0, xtquant_dir)
    try:
        import xtquant  # noqa: PLC0415
        from xtquant import xtconstant  # noqa: PLC0415
        from xtquant.xttrader import XtQuantTrader, XtQuantTraderCallback  # noqa: PLC0415
        from xtquant.xttype import StockAccount  # noqa: PLC0415
    except Exception as error:  # ImportError, or xtquant's own DLL failing to load on import
        return None, {"ok": False, "error": "%s: %s" % (type(error).__name__, error)}
    version = getattr(xtquant, "__version__", None)
    info = {"ok": True, "path": os.path.dirname(os.path.abspath(getattr(xtquant, "__file__", "") or "."))}
    if version is not None:
        info["version"] = str(version)
    modules = {
        "xtconstant": xtconstant,
        "XtQuantTrader": XtQuantTrader,
        "XtQuantTraderCallback": XtQuantTraderCallback,
        "StockAccount": StockAccount,
    }
    return modules, info


def make_callback(base, channel):
    """An XtQuantTraderCallback forwarding every callback as an event; it never raises into xtquant."""

    def forward(name, kind):
        def handler(self, data=None):
            try:
                channel.event(name, to_record(data, kind))
            except Exception:
                channel.log("ERROR", "转发 %s 失败：%s" % (name, traceback.format_exc(limit=3)))

        return handler

    def on_disconnected(self):
        channel.event("on_disconnected", None)

    members = {name: forward(name, kind) for name, kind in CALLBACKS.items()}
    members["on_disconnected"] = on_disconnected
    return type("TsTraderCallback", (base,), members)()


class Sidecar:
    def __init__(self, channel, xt):
        self.channel = channel
        self.xt = xt
        self.trader = None
        self.account = None
        self.xtdata = None
        self.quote_ids = {}

    # ---- xttrader ----

    def connect(self, p):
        """A new XtQuantTrader under the given session: xtquant wants a fresh one per connection."""
        self.stop_trader()
        trader = self.xt["XtQuantTrader"](p["path"], int(p["session_id"]))
        trader.register_callback(make_callback(self.xt["XtQuantTraderCallback"], self.channel))
        trader.start()
        rc = trader.connect()
        self.trader = trader
        if rc != 0:
            return {"connect": rc, "subscribe": -1}
        self.account = self.xt["StockAccount"](p["account_id"], p["account_type"])
        return {"connect": 0, "subscribe": trader.subscribe(self.account)}

    def stop_trader(self):
        trader, self.trader = self.trader, None
        if trader is not None:
            try:
                trader.stop()
            except Exception:
                self.channel.log("WARNING", "停止旧的 XtQuantTrader 出错：%s" % traceback.format_exc(limit=2))

    def live(self):
        if self.trader is None or self.account is None:
            raise RequestError("NOT_CONNECTED", "边车尚未连接 MiniQMT")
        return self.trader, self.account

    def order(self, p):
        trader, account = self.live()
        seq = trader.order_stock_async(
            account, p["stock_code"], int(p["order_type"]), int(p["order_volume"]), int(p["price_type"]),
            float(p["price"]), p["strategy_name"], p["order_remark"],
        )
        return {"seq": seq}

    def cancel(self, p):
        trader, account = self.live()
        return {"seq": trader.cancel_order_stock_async(account, int(p["order_id"]))}

    def cancel_sysid(self, p):
        trader, account = self.live()
        return {"seq": trader.cancel_order_stock_sysid_async(account, int(p["market"]), str(p["order_sysid"]))}

    def query_asset(self, _p):
        trader, account = self.live()
        return {"item": to_record(trader.query_stock_asset(account), "XtAsset")}

    def query_orders(self, p):
        trader, account = self.live()
        return {"items": to_records(trader.query_stock_orders(account, bool(p.get("cancelable_only", False))), "XtOrder")}

    def query_trades(self, _p):
        trader, account = self.live()
        return {"items": to_records(trader.query_stock_trades(account), "XtTrade")}

    def query_positions(self, _p):
        trader, account = self.live()
        return {"items": to_records(trader.query_stock_positions(account), "XtPosition")}

    def query_credit_detail(self, _p):
        trader, account = self.live()
        return {"items": to_records(trader.query_credit_detail(account), "XtCreditDetail")}

    def query_stk_compacts(self, _p):
        trader, account = self.live()
        return {"items": to_records(trader.query_stk_compacts(account), "StkCompacts")}

    def query_credit_subjects(self, _p):
        trader, account = self.live()
        return {"items": to_records(trader.query_credit_subjects(account), "CreditSubjects")}

    def query_credit_slo_code(self, _p):
        trader, account = self.live()
        return {"items": to_records(trader.query_credit_slo_code(account), "CreditSloCode")}

    def query_credit_assure(self, _p):
        trader, account = self.live()
        return {"items": to_records(trader.query_credit_assure(account), "CreditAssure")}

    # ---- xtdata (contracts and quotes; optional) ----

    def data(self):
        if self.xtdata is None:
            try:
                from xtquant import xtdata  # noqa: PLC0415 (imported late: it connects to MiniQMT on import)
            except Exception as error:
                raise RequestError("XTDATA_MISSING", "无法导入 xtquant.xtdata：%s: %s" % (type(error).__name__, error))
            self.xtdata = xtdata
        return self.xtdata

    def instruments(self, p):
        xtdata = self.data()
        items, failed, seen = [], [], set()
        for sector in p.get("sectors", []):
            try:
                codes = xtdata.get_stock_list_in_sector(sector) or []
            except Exception:
                codes = []
            if not codes:
                failed.append(sector)
            for code in codes:
                if code in seen:
                    continue
                seen.add(code)
                detail = xtdata.get_instrument_detail(code)
                if detail:
                    record = to_record(detail, "InstrumentDetail")
                    record["code"] = code
                    items.append(record)
        return {"items": items, "failed": failed}

    def subscribe_quote(self, p):
        xtdata = self.data()
        ok, failed = [], []
        for code in p.get("codes", []):
            if code in self.quote_ids:
                ok.append(code)
                continue

            def on_data(datas, channel=self.channel):
                for c, ticks in (datas or {}).items():
                    rows = ticks if isinstance(ticks, list) else [ticks]
                    for tick in rows:
                        record = to_record(tick, "Tick") or {}
                        record["code"] = c
                        channel.event("tick", record)

            seq = xtdata.subscribe_quote(code, period="tick", count=0, callback=on_data)
            if isinstance(seq, int) and seq > 0:
                self.quote_ids[code] = seq
                ok.append(code)
            else:
                failed.append(code)
        return {"ok": ok, "failed": failed}

    # ---- housekeeping ----

    def ping(self, _p):
        return {"pong": int(time.time() * 1000)}

    def stop(self, _p):
        self.stop_trader()
        return {"stopped": True}


METHODS = {
    "connect", "order", "cancel", "cancel_sysid", "query_asset", "query_orders", "query_trades", "query_positions",
    "query_credit_detail", "query_stk_compacts", "query_credit_subjects", "query_credit_slo_code", "query_credit_assure",
    "instruments", "subscribe_quote", "ping", "stop",
}


def serve(channel, sidecar):
    """The request loop: one request at a time, answered in order; EOF on stdin ends it."""
    stdin = sys.stdin.buffer
    while True:
        raw = stdin.readline()
        if not raw:
            return
        try:
            request = json.loads(raw.decode("utf-8"))
            rid = request["id"]
            method = request["method"]
            params = request.get("params") or {}
        except Exception as error:
            channel.log("ERROR", "无法解析的请求：%s（%s）" % (raw[:200], error))
            continue
        if method not in METHODS:
            channel.send({"type": "error", "id": rid, "error": {"code": "UNKNOWN_METHOD", "message": "边车不支持请求 %s" % method}})
            continue
        try:
            result = getattr(sidecar, method)(params)
            channel.send({"type": "result", "id": rid, "result": json_value(result)})
        except RequestError as error:
            channel.send({"type": "error", "id": rid, "error": {"code": error.code, "message": error.message}})
        except Exception as error:
            channel.send({
                "type": "error", "id": rid,
                "error": {"code": "XT_CALL_FAILED", "message": "xtquant 调用 %s 出错：%s: %s" % (method, type(error).__name__, error)},
            })
            sys.stderr.write(traceback.format_exc())
        if method == "stop":
            return


class NoXtquant:
    """Answers ping and stop while xtquant is missing, so the gateway can read the hello and stop us."""

    def ping(self, _p):
        return {"pong": 0}

    def stop(self, _p):
        return {"stopped": True}

    def __getattr__(self, name):
        def refuse(_p):
            raise RequestError("XTQUANT_MISSING", "xtquant 无法导入，边车不能执行 %s" % name)

        return refuse


def main(argv):
    xtquant_dir = ""
    if "--xtquant-dir" in argv:
        i = argv.index("--xtquant-dir")
        xtquant_dir = argv[i + 1] if i + 1 < len(argv) else ""
    channel = Channel()
    modules, info = import_xtquant(xtquant_dir)
    channel.send({
        "type": "hello",
        "protocol": PROTOCOL,
        "sidecar": VERSION,
        "python": platform.python_version(),
        "platform": sys.platform,
        "pid": os.getpid(),
        "xtquant": info,
    })
    sidecar = Sidecar(channel, modules) if modules else NoXtquant()
    try:
        serve(channel, sidecar)
    finally:
        if isinstance(sidecar, Sidecar):
            sidecar.stop_trader()


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.stderr.flush()
    # xtquant's own threads must not keep a sidecar whose gateway has gone alive.
    os._exit(0)
