#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tenki::util {

// A fixed set of threads running posted work in order of arrival, started by the first post; the
// destructor runs what is queued, then joins. Work must not throw (it is wrapped by its poster).
class ThreadPool {
public:
    explicit ThreadPool(unsigned threads);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    void post(std::function<void()> work);
    // Returns once nothing is queued or running (work posted meanwhile included).
    void wait_idle();

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_wake, m_idle;
    std::deque<std::function<void()>> m_queue;
    std::size_t m_running = 0;
    bool m_stopping = false;
    std::size_t m_size;
    std::vector<std::thread> m_threads;  // last: started once the rest exists
};

}  // namespace tenki::util
