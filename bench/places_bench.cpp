// How fast a city name resolves from the compiled-in table, beside a ZIP code lookup in the same
// run: `cmake --build build --target places_bench && build/places_bench` (or bench/places.sh).
#include <chrono>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tenki/places/place.hpp"
#include "tenki/places/places.hpp"
#include "tenki/places/zipdb.hpp"

namespace {

// The fastest of 5 runs of body (count operations each), per operation: on a shared machine the
// slower runs measure the neighbours.
template <typename F>
double nanoseconds_each(std::size_t count, F&& body) {
    double best = 0;
    for (int run = 0; run < 5; ++run) {
        auto start = std::chrono::steady_clock::now();
        body();
        auto elapsed =
            std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
        if (run == 0 || elapsed < best) best = elapsed;
    }
    return best / static_cast<double>(count);
}

// Each argument through parse_place and find_city, `rounds` times; how many resolved.
std::size_t resolve_all(const std::vector<std::string>& arguments, std::size_t rounds) {
    std::size_t resolved = 0;
    for (std::size_t round = 0; round < rounds; ++round) {
        for (const auto& argument : arguments) {
            auto place = tenki::parse_place(argument);
            if (place && tenki::find_city(std::get<tenki::CityQuery>(*place))) ++resolved;
        }
    }
    return resolved;
}

}  // namespace

int main() {
    const std::vector<std::string> exact = {
        "Paris",  "London",  "Tokyo", "São Paulo", "Saint-Lô", "New York", "Berlin",   "Mumbai",
        "Zürich", "Cologne", "Lagos", "Osaka",     "Sydney",   "Lima",     "Montréal", "Kraków"};
    const std::vector<std::string> qualified = {"Paris,TX",    "Paris,FR",        "Springfield, IL, US",
                                                "Portland,OR", "London,Ontario",  "Springfield,MO",
                                                "Athens,GR",   "Cambridge,MA,US", "San Jose,CA",
                                                "Valencia,ES", "Richmond,VA",     "Birmingham,AL"};
    const std::vector<std::string> misspelt = {"Londno", "Springfeld", "Pairs",      "Berln",    "Sao Paolo",
                                               "Tokoy",  "Mumbia",     "Portlnad",   "Chicgo",   "Amsterdma",
                                               "Zurihc", "Barcelnoa",  "Edinburgth", "Manchestr"};
    const std::vector<std::string> zips = {"94107", "10001", "02462", "60601",
                                           "73301", "99950", "00501", "30301"};

    constexpr std::size_t k_rounds = 400;
    std::size_t zip_found = 0;
    const double zip = nanoseconds_each(zips.size() * k_rounds * 10, [&] {
        for (std::size_t round = 0; round < k_rounds * 10; ++round)
            for (const auto& z : zips)
                if (tenki::lookup_us_zip(z)) ++zip_found;
    });
    std::size_t found = 0;
    const double name =
        nanoseconds_each(exact.size() * k_rounds, [&] { found += resolve_all(exact, k_rounds); });
    const double with_region =
        nanoseconds_each(qualified.size() * k_rounds, [&] { found += resolve_all(qualified, k_rounds); });
    const double did_you_mean = nanoseconds_each(misspelt.size() * k_rounds / 10,
                                                 [&] { found += resolve_all(misspelt, k_rounds / 10); });
    const double ambiguous =
        nanoseconds_each(k_rounds, [&] { found += resolve_all({"Springfield"}, k_rounds); });

    fmt::print("{} places; {} names resolved, {} ZIP lookups found (5 runs each)\n", tenki::places_size(),
               found, zip_found);
    fmt::print("lookup_us_zip (reference):            {:8.0f} ns\n", zip);
    const auto row = [&](const char* what, double ns) {
        fmt::print("{:38s}{:8.0f} ns = {:6.3f} ms = {:7.1f} x lookup_us_zip\n", what, ns, ns / 1e6, ns / zip);
    };
    row("city by name (exact):", name);
    row("city with region/country:", with_region);
    row("misspelt, did you mean:", did_you_mean);
    row("ambiguous (Springfield), candidates:", ambiguous);
}
