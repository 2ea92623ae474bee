#include "ctp_text.h"

#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace ctp {

std::string gb_to_utf8(const char *gb, std::size_t n) {
  std::size_t len = 0;
  while (len < n && gb[len] != '\0') len++;
  std::string out;
  if (len == 0) return out;
  bool ascii = true;
  for (std::size_t i = 0; i < len; i++) ascii &= static_cast<unsigned char>(gb[i]) < 0x80;
  if (ascii) return std::string(gb, len);
  // A descriptor per call: iconv_t is not thread-safe and callbacks come from several threads.
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    // No converter on this system: keep the ASCII, mark the rest.
    for (std::size_t i = 0; i < len; i++) out += static_cast<unsigned char>(gb[i]) < 0x80 ? gb[i] : '?';
    return out;
  }
  char *in = const_cast<char *>(gb);
  std::size_t in_left = len;
  char buf[256];
  while (in_left > 0) {
    char *o = buf;
    std::size_t o_left = sizeof(buf);
    std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buf, sizeof(buf) - o_left);
    if (r != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) continue;
    if (errno == EILSEQ) {  // not GB18030: one byte becomes '?'
      out += '?';
      in++;
      in_left--;
      continue;
    }
    break;  // EINVAL: a character cut off by the field's end
  }
  iconv_close(cd);
  return out;
}

void copy_utf8(char *dst, std::size_t size, const std::string &src) {
  if (size == 0) return;
  std::size_t n = src.size() < size - 1 ? src.size() : size - 1;
  // Back up over continuation bytes so the cut falls between characters.
  if (n < src.size())
    while (n > 0 && (static_cast<unsigned char>(src[n]) & 0xC0) == 0x80) n--;
  std::memcpy(dst, src.data(), n);
  dst[n] = '\0';
}

bool copy_ascii(char *dst, std::size_t size, const std::string &src) {
  if (size == 0 || src.size() >= size) return false;
  std::memcpy(dst, src.data(), src.size());
  dst[src.size()] = '\0';
  return true;
}

std::string field(const char *src, std::size_t n) {
  std::size_t len = 0;
  while (len < n && src[len] != '\0') len++;
  std::size_t start = 0;
  while (start < len && src[start] == ' ') start++;
  while (len > start && src[len - 1] == ' ') len--;
  return std::string(src + start, len - start);
}

// Days since 1970-01-01 of a civil date (proleptic Gregorian), without the time zone
// machinery of mktime/timegm.
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int64_t beijing_epoch_ms(const std::string &date, const std::string &time, int millis) {
  if (date.size() != 8 || time.size() < 8) return 0;
  for (char c : date)
    if (c < '0' || c > '9') return 0;
  if (time[2] != ':' || time[5] != ':') return 0;
  const int y = std::stoi(date.substr(0, 4)), mo = std::stoi(date.substr(4, 2)), d = std::stoi(date.substr(6, 2));
  int h = 0, mi = 0, s = 0;
  if (std::sscanf(time.c_str(), "%2d:%2d:%2d", &h, &mi, &s) != 3) return 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return 0;
  const int64_t secs = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + s;
  return (secs - 8 * 3600) * 1000 + millis;  // Beijing is UTC+8, no daylight saving
}

std::string beijing_today(int64_t now_ms) {
  const int64_t days = (now_ms / 1000 + 8 * 3600) / 86400;
  // civil_from_days
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04lld%02u%02u", static_cast<long long>(y + (m <= 2)), m, d);
  return buf;
}

double price_or_zero(double value) {
  return value > 1e15 || value < -1e15 || value != value ? 0.0 : value;
}

}  // namespace ctp
