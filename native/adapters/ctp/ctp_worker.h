// The adapter's own thread. Every request to the vendor API is made from here, never from the
// caller's thread (the JS event loop): a vendor call that took a lock its SPI thread holds
// while that thread waits for JS would otherwise deadlock. It also paces queries the way CTP
// demands — one in flight, at most one per interval — and retries a query the vendor refused
// for flow control (-2: too many in flight, -3: too many per second) after the interval.
#ifndef TSTRADER_CTP_WORKER_H
#define TSTRADER_CTP_WORKER_H

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ctp {

class Worker {
 public:
  using Clock = std::chrono::steady_clock;
  // A query: sends itself and returns the vendor's result (0 sent, -1 network, -2/-3 flow control).
  using Send = std::function<int()>;
  // What the owner hears about queries: flow control met (will retry), a failure (given up), a timeout.
  struct Events {
    std::function<void(int32_t rid, int rc, int attempt)> retrying;
    std::function<void(int32_t rid, int rc)> failed;
    std::function<void(int32_t rid)> timed_out;
  };

  explicit Worker(Events events);
  ~Worker();
  Worker(const Worker &) = delete;
  Worker &operator=(const Worker &) = delete;

  void start();
  // Joins the thread; tasks not yet run are dropped. Idempotent.
  void stop();

  // Run a task on the worker, after `delay` (0: as soon as the queue reaches it, in order).
  void post(std::function<void()> task, std::chrono::milliseconds delay = std::chrono::milliseconds(0));
  // Queue a query; it is sent when no other is in flight and the interval since the last has passed.
  void post_query(int32_t rid, Send send);
  // The answer to `rid` is complete (bIsLast, or an error): the next query may go.
  void query_done(int32_t rid);
  // A page of the answer to `rid` arrived: the answer timeout counts from here (a long
  // instrument list may take longer than the timeout in all, but never stalls that long).
  void query_alive(int32_t rid);
  // The link fell: queued and in-flight queries will never be answered; forget them.
  void drop_queries();

  void set_interval(std::chrono::milliseconds interval);
  void set_answer_timeout(std::chrono::milliseconds timeout);
  bool on_worker_thread() const;

 private:
  struct Timed {
    Clock::time_point at;
    uint64_t seq;
    std::function<void()> task;
  };
  struct Query {
    int32_t rid;
    Send send;
    int attempts;
  };
  void run();

  Events events_;
  std::thread thread_;
  mutable std::mutex lock_;
  std::condition_variable wake_;
  bool stopping_ = false, started_ = false;
  std::vector<Timed> tasks_;  // kept sorted by (at, seq)
  uint64_t seq_ = 0;
  std::deque<Query> queries_;
  int32_t in_flight_ = 0;
  Clock::time_point in_flight_since_{}, last_send_{};
  bool sent_any_ = false;
  std::chrono::milliseconds interval_{1000}, answer_timeout_{15000};
};

}  // namespace ctp

#endif
