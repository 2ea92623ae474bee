#include "ctp_worker.h"

#include <algorithm>

namespace ctp {

Worker::Worker(Events events) : events_(std::move(events)) {}

Worker::~Worker() { stop(); }

void Worker::start() {
  std::lock_guard<std::mutex> g(lock_);
  if (started_) return;
  started_ = true;
  thread_ = std::thread([this] { run(); });
}

void Worker::stop() {
  {
    std::lock_guard<std::mutex> g(lock_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
  std::lock_guard<std::mutex> g(lock_);
  tasks_.clear();
  queries_.clear();
}

void Worker::post(std::function<void()> task, std::chrono::milliseconds delay) {
  {
    std::lock_guard<std::mutex> g(lock_);
    if (stopping_) return;
    Timed t{Clock::now() + delay, seq_++, std::move(task)};
    auto at = std::upper_bound(tasks_.begin(), tasks_.end(), t, [](const Timed &a, const Timed &b) {
      return a.at < b.at || (a.at == b.at && a.seq < b.seq);
    });
    tasks_.insert(at, std::move(t));
  }
  wake_.notify_all();
}

void Worker::post_query(int32_t rid, Send send) {
  {
    std::lock_guard<std::mutex> g(lock_);
    if (stopping_) return;
    queries_.push_back(Query{rid, std::move(send), 0});
  }
  wake_.notify_all();
}

void Worker::query_done(int32_t rid) {
  {
    std::lock_guard<std::mutex> g(lock_);
    if (in_flight_ != rid) return;
    in_flight_ = 0;
  }
  wake_.notify_all();
}

void Worker::query_alive(int32_t rid) {
  std::lock_guard<std::mutex> g(lock_);
  if (in_flight_ == rid) in_flight_since_ = Clock::now();
}

void Worker::drop_queries() {
  {
    std::lock_guard<std::mutex> g(lock_);
    queries_.clear();
    in_flight_ = 0;
  }
  wake_.notify_all();
}

void Worker::set_interval(std::chrono::milliseconds interval) {
  std::lock_guard<std::mutex> g(lock_);
  interval_ = interval;
}

void Worker::set_answer_timeout(std::chrono::milliseconds timeout) {
  std::lock_guard<std::mutex> g(lock_);
  answer_timeout_ = timeout;
}

bool Worker::on_worker_thread() const { return std::this_thread::get_id() == thread_.get_id(); }

void Worker::run() {
  std::unique_lock<std::mutex> g(lock_);
  while (!stopping_) {
    const auto now = Clock::now();
    // 1. A task that is due.
    if (!tasks_.empty() && tasks_.front().at <= now) {
      auto task = std::move(tasks_.front().task);
      tasks_.erase(tasks_.begin());
      g.unlock();
      task();
      g.lock();
      continue;
    }
    // 2. An answer that never came: give the query up so the next can go.
    if (in_flight_ != 0 && now >= in_flight_since_ + answer_timeout_) {
      const int32_t rid = in_flight_;
      in_flight_ = 0;
      g.unlock();
      if (events_.timed_out) events_.timed_out(rid);
      g.lock();
      continue;
    }
    // 3. The next query, when nothing is in flight and the interval has passed.
    const auto next_send = sent_any_ ? last_send_ + interval_ : now;
    if (in_flight_ == 0 && !queries_.empty() && next_send <= now) {
      Query q = std::move(queries_.front());
      queries_.pop_front();
      q.attempts++;
      // The vendor counts the attempt too: pace from here, whatever it answers.
      last_send_ = now;
      sent_any_ = true;
      in_flight_ = q.rid;  // before sending: the answer may arrive before send() returns
      in_flight_since_ = now;
      g.unlock();
      const int rc = q.send();
      g.lock();
      if (rc == 0) continue;
      if (in_flight_ == q.rid) in_flight_ = 0;
      if (rc == -2 || rc == -3) {
        const int32_t rid = q.rid;
        const int attempt = q.attempts;
        queries_.push_front(std::move(q));
        g.unlock();
        if (events_.retrying) events_.retrying(rid, rc, attempt);
        g.lock();
      } else {
        g.unlock();
        if (events_.failed) events_.failed(q.rid, rc);
        g.lock();
      }
      continue;
    }
    // 4. Sleep until the earliest of: a task's time, the answer timeout, the next send.
    Clock::time_point until = Clock::time_point::max();
    if (!tasks_.empty()) until = std::min(until, tasks_.front().at);
    if (in_flight_ != 0) until = std::min(until, in_flight_since_ + answer_timeout_);
    else if (!queries_.empty()) until = std::min(until, next_send);
    if (until == Clock::time_point::max()) wake_.wait(g);
    else wake_.wait_until(g, until);
  }
}

}  // namespace ctp
