"""A model of vn.py's EventEngine (vnpy/event/engine.py), written from its documented design:
a Queue drained by one worker thread that calls the handlers registered for the event's type,
then the general handlers. Used only to measure vn.py's design on this machine beside ours.
Prints one JSON line: {"events_per_s": ...} (median of 5 runs)."""
import json
import statistics
import sys
import time
from collections import defaultdict
from queue import Empty, Queue
from threading import Thread


class Event:
    def __init__(self, type_, data=None):
        self.type = type_
        self.data = data


class EventEngine:
    def __init__(self):
        self._queue = Queue()
        self._active = False
        self._thread = Thread(target=self._run)
        self._handlers = defaultdict(list)
        self._general_handlers = []

    def _run(self):
        while self._active:
            try:
                event = self._queue.get(block=True, timeout=1)
                self._process(event)
            except Empty:
                pass

    def _process(self, event):
        if event.type in self._handlers:
            [handler(event) for handler in self._handlers[event.type]]
        if self._general_handlers:
            [handler(event) for handler in self._general_handlers]

    def start(self):
        self._active = True
        self._thread.start()

    def stop(self):
        self._active = False
        self._thread.join()

    def put(self, event):
        self._queue.put(event)

    def register(self, type_, handler):
        self._handlers[type_].append(handler)


def run_once(n):
    engine = EventEngine()
    done = []
    count = [0]

    def handler(event):
        count[0] += 1
        if count[0] == n:
            done.append(time.perf_counter())

    engine.register("eTimer", handler)
    engine.start()
    t0 = time.perf_counter()
    for i in range(n):
        engine.put(Event("eTimer", i))
    while not done:
        time.sleep(0.001)
    engine.stop()
    return n / (done[0] - t0)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    runs = [run_once(n) for _ in range(5)]
    print(json.dumps({"events_per_s": statistics.median(runs), "runs": runs}))
