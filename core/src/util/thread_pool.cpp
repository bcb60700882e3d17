#include "util/thread_pool.hpp"

namespace tenki::util {

ThreadPool::ThreadPool(unsigned threads) {
    for (unsigned i = 0; i < (threads == 0 ? 1 : threads); ++i) m_threads.emplace_back([this] { run(); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& t : m_threads) t.join();
}

void ThreadPool::post(std::function<void()> work) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(work));
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
