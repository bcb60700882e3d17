// How fast the offline ZIP table answers: `cmake --build build --target zipdb_bench && build/zipdb_bench`.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tenki/places/zipdb.hpp"

namespace {

template <typename F>
double nanoseconds_each(std::size_t count, F&& body) {
    auto start = std::chrono::steady_clock::now();
    body();
    auto elapsed = std::chrono::steady_clock::now() - start;
    return std::chrono::duration<double, std::nano>(elapsed).count() / static_cast<double>(count);
}

}  // namespace

int main() {
    // Every five-digit string, in a random order: about 41% are ZIP codes.
    std::vector<std::string> keys;
    for (int i = 0; i < 100000; ++i) keys.push_back(fmt::format("{:05}", i));
    std::shuffle(keys.begin(), keys.end(), std::mt19937(42));

    constexpr std::size_t k_rounds = 20;
    std::size_t found = 0;
    double lookup = nanoseconds_each(keys.size() * k_rounds, [&] {
        for (std::size_t round = 0; round < k_rounds; ++round) {
            for (const auto& key : keys)
                if (tenki::lookup_us_zip(key)) ++found;
        }
    });
    std::size_t suggested = 0;
    double suggest = nanoseconds_each(keys.size(), [&] {
        for (const auto& key : keys) suggested += tenki::suggest_us_zips(key, 3).size();
    });
    fmt::print("{} ZIP codes; {} of {} keys found\n", tenki::zipdb_size(), found / k_rounds, keys.size());
    fmt::print("lookup_us_zip:   {:.0f} ns each (random order)\n", lookup);
    fmt::print("suggest_us_zips: {:.0f} ns each ({} suggestions)\n", suggest, suggested);
}
