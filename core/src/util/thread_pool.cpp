#include "util/thread_pool.hpp"

namespace tenki::util {

ThreadPool::ThreadPool(unsigned threads) : m_size(threads == 0 ? 1 : threads) {}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& t : m_threads) t.join();  // posting is over: the set no longer grows
}

void ThreadPool::post(std::function<void()> work) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(work));
        // The threads start with the first work: `tenki weather` answered from the disk cache
        // never posts any, and made and joined a thread for nothing (strace).
        while (m_threads.size() < m_size) m_threads.emplace_back([this] { run(); });
    }
    m_wake.notify_one();
}

void ThreadPool::wait_idle() {
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_queue.empty() && m_running == 0; });
}

void ThreadPool::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty()) return;  // stopping, and everything queued has run
        auto work = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_running;
        lock.unlock();
        work();
        work = nullptr;  // its captures die outside the lock too
        lock.lock();
        --m_running;
        if (m_queue.empty() && m_running == 0) m_idle.notify_all();
    }
}

}  // namespace tenki::util
