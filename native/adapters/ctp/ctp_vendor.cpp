#include "ctp_vendor.h"

#include <dlfcn.h>

#include <cstddef>
#include <map>
#include <mutex>

namespace ctp {
namespace {

template <typename F>
struct Arity;
template <typename R, typename... A>
struct Arity<R (*)(A...)> {
  static constexpr std::size_t value = sizeof...(A);
};

using TraderCreate = decltype(&CThostFtdcTraderApi::CreateFtdcTraderApi);
using MdCreate = decltype(&CThostFtdcMdApi::CreateFtdcMdApi);
using VersionFn = const char *(*)();

constexpr std::size_t kTraderArity = Arity<TraderCreate>::value;
constexpr std::size_t kMdArity = Arity<MdCreate>::value;
static_assert(kTraderArity == 1 || kTraderArity == 2, "CreateFtdcTraderApi(flowPath[, bIsProductionMode]) expected");
static_assert(kMdArity == 3 || kMdArity == 4, "CreateFtdcMdApi(flowPath, bIsUsingUdp, bIsMulticast[, bIsProductionMode]) expected");

// Itanium C++ ABI names of the static members, per form.
const char *const kTraderCreate1 = "_ZN19CThostFtdcTraderApi19CreateFtdcTraderApiEPKc";
const char *const kTraderCreate2 = "_ZN19CThostFtdcTraderApi19CreateFtdcTraderApiEPKcb";
const char *const kTraderVersion = "_ZN19CThostFtdcTraderApi13GetApiVersionEv";
const char *const kMdCreate3 = "_ZN15CThostFtdcMdApi15CreateFtdcMdApiEPKcbb";
const char *const kMdCreate4 = "_ZN15CThostFtdcMdApi15CreateFtdcMdApiEPKcbbb";
const char *const kMdVersion = "_ZN15CThostFtdcMdApi13GetApiVersionEv";

std::mutex g_lock;
std::map<std::string, void *> g_handles;  // never dlclose'd

void *open_library(const std::string &path, std::string *error) {
  std::lock_guard<std::mutex> g(g_lock);
  auto it = g_handles.find(path);
  if (it != g_handles.end()) return it->second;
  dlerror();
  void *h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char *why = dlerror();
    *error = why ? why : "dlopen 失败";
    return nullptr;
  }
  g_handles[path] = h;
  return h;
}

template <typename T>
T symbol(void *handle, const char *name) {
  return reinterpret_cast<T>(dlsym(handle, name));
}

// Call the create function in whichever form the headers declare. Templates, so the form
// not declared is never compiled.
template <typename F>
CThostFtdcTraderApi *call_trader_create(F create, const char *flow, bool production_mode) {
  if constexpr (Arity<F>::value == 1) {
    (void)production_mode;
    return create(flow);
  } else {
    return create(flow, production_mode);
  }
}

template <typename F>
CThostFtdcMdApi *call_md_create(F create, const char *flow, bool production_mode) {
  if constexpr (Arity<F>::value == 3) {
    (void)production_mode;
    return create(flow, false, false);
  } else {
    return create(flow, false, false, production_mode);
  }
}

std::string version_of(void *handle, const char *name) {
  auto fn = symbol<VersionFn>(handle, name);
  const char *v = fn ? fn() : nullptr;
  return v ? v : "";
}

}  // namespace

bool api_has_production_mode() { return kTraderArity == 2; }

CThostFtdcTraderApi *create_trader_api(const std::string &path, const std::string &flow_dir, bool production_mode,
                                       VendorResult *result) {
  std::string why;
  void *h = open_library(path, &why);
  if (!h) {
    result->error = "无法加载 CTP 交易库 " + path + "：" + why;
    return nullptr;
  }
  const char *name = kTraderArity == 1 ? kTraderCreate1 : kTraderCreate2;
  auto create = symbol<TraderCreate>(h, name);
  if (!create) {
    result->error = "动态库 " + path + " 中没有 CThostFtdcTraderApi::CreateFtdcTraderApi（" + name +
                    "），不是与本适配器同版本的 CTP 交易库";
    return nullptr;
  }
  result->version = version_of(h, kTraderVersion);
  CThostFtdcTraderApi *api = call_trader_create(create, flow_dir.c_str(), production_mode);
  if (!api) result->error = "CTP 交易库 " + path + " 未能创建接口对象";
  return api;
}

CThostFtdcMdApi *create_md_api(const std::string &path, const std::string &flow_dir, bool production_mode,
                               VendorResult *result) {
  std::string why;
  void *h = open_library(path, &why);
  if (!h) {
    result->error = "无法加载 CTP 行情库 " + path + "：" + why;
    return nullptr;
  }
  const char *name = kMdArity == 3 ? kMdCreate3 : kMdCreate4;
  auto create = symbol<MdCreate>(h, name);
  if (!create) {
    result->error = "动态库 " + path + " 中没有 CThostFtdcMdApi::CreateFtdcMdApi（" + name + "），不是与本适配器同版本的 CTP 行情库";
    return nullptr;
  }
  result->version = version_of(h, kMdVersion);
  CThostFtdcMdApi *api = call_md_create(create, flow_dir.c_str(), production_mode);
  if (!api) result->error = "CTP 行情库 " + path + " 未能创建接口对象";
  return api;
}

}  // namespace ctp
