// Text and time helpers of the CTP adapter: CTP speaks GB18030 in fixed char arrays, stamps
// times as "YYYYMMDD" + "HH:MM:SS" in Beijing time, and marks unset prices with DBL_MAX.
#ifndef TSTRADER_CTP_TEXT_H
#define TSTRADER_CTP_TEXT_H

#include <cstddef>
#include <cstdint>
#include <string>

namespace ctp {

// GB18030 bytes (up to the first NUL, or n bytes) as UTF-8. A byte sequence that is not
// GB18030 becomes '?'; a character cut off at the end of the field is dropped.
std::string gb_to_utf8(const char *gb, std::size_t n);

template <std::size_t N>
std::string gb_to_utf8(const char (&field)[N]) {
  return gb_to_utf8(field, N);
}

// Copy UTF-8 into a fixed array, cut at a character boundary so the NUL-terminated result
// is still valid UTF-8.
void copy_utf8(char *dst, std::size_t size, const std::string &src);

// Copy ASCII (codes, ids) into a fixed array with NUL; false when it would not fit.
bool copy_ascii(char *dst, std::size_t size, const std::string &src);

template <std::size_t N>
bool copy_ascii(char (&dst)[N], const std::string &src) {
  return copy_ascii(dst, N, src);
}

// A CTP char field up to its NUL (or its end), without surrounding spaces: CTP pads some
// ids (TradeID, OrderSysID) with leading spaces.
std::string field(const char *src, std::size_t n);

template <std::size_t N>
std::string field(const char (&src)[N]) {
  return field(src, N);
}

// Epoch milliseconds of a Beijing-time stamp; 0 when the date or time does not parse.
int64_t beijing_epoch_ms(const std::string &yyyymmdd, const std::string &hhmmss, int millis = 0);

// Today's date in Beijing as YYYYMMDD, for stamps that carry only a time.
std::string beijing_today(int64_t now_ms);

// A price CTP left unset (DBL_MAX, or anything absurd) reads as 0.
double price_or_zero(double value);

}  // namespace ctp

#endif
