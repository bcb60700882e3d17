#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "util/thread_pool.hpp"

TEST_CASE("a thread pool that is never posted to waits and stops at once", "[util]") {
    tenki::util::ThreadPool pool(4);
    pool.wait_idle();  // nothing queued: returns
}

TEST_CASE("a thread pool runs posted work on its own threads, started by the first post", "[util]") {
    std::atomic<int> ran{0};
    std::thread::id worker;
    {
        tenki::util::ThreadPool pool(2);
        pool.post([&] {
            worker = std::this_thread::get_id();
            ++ran;
        });
        for (int i = 0; i < 10; ++i) pool.post([&] { ++ran; });
        pool.wait_idle();
        CHECK(ran == 11);
        CHECK(worker != std::this_thread::get_id());
        pool.post([&] { ++ran; });
    }  // the destructor runs what is queued
    CHECK(ran == 12);
}
