// What a cached answer keeps in memory, for MemoryCacheOptions::max_bytes.
#include <string>
#include <vector>

#include "tenki/cache/weather_cache.hpp"

namespace tenki::cache {

namespace {

// A string's heap block: none within the small-string buffer (15 chars in libstdc++).
std::size_t heap(const std::string& text) {
    return text.capacity() > std::string().capacity() ? text.capacity() + 1 : 0;
}

std::size_t heap(const Condition& c) { return heap(c.main) + heap(c.description) + heap(c.icon); }

std::size_t heap(const Location& l) {
    std::size_t n = heap(l.postal_code) + heap(l.country);
    if (l.place) n += heap(l.place->name) + heap(l.place->region);
    return n;
}

std::size_t heap(const Error& e) {
    std::size_t n = heap(e.message) + e.choices.capacity() * sizeof(PlaceChoice);
    for (const auto& c : e.choices)
        n += heap(c.label) + heap(c.pick) + heap(c.name) + heap(c.region) + heap(c.country);
    return n;
}

}  // namespace

std::size_t cached_bytes(const Weather& w) {
    std::size_t n = sizeof(Weather) + heap(w.location) + heap(w.area) + heap(w.place_name) +
                    heap(w.place_region) + heap(w.condition) + heap(w.source);
    if (w.provider_part) n += heap(w.provider_part->provider) + heap(w.provider_part->text);
    return n;
}

std::size_t cached_bytes(const Forecast& f) {
    std::size_t n = sizeof(Forecast) + heap(f.location) + heap(f.place_name) + heap(f.place_region) +
                    heap(f.timezone) + heap(f.source);
    n += f.hourly.capacity() * sizeof(ForecastStep) + f.daily.capacity() * sizeof(ForecastDay);
    for (const auto& s : f.hourly)
        if (s.condition) n += heap(*s.condition);
    for (const auto& d : f.daily) {
        n += heap(d.date);
        if (d.condition) n += heap(*d.condition);
    }
    return n;
}

template <typename T>
std::size_t entry_bytes(std::string_view key, const CacheEntry<T>& entry) {
    // The map's node (key, pointer, hash link) and the shared_ptr's block, made by make_shared.
    constexpr std::size_t k_node = sizeof(std::string) + sizeof(std::shared_ptr<void>) + 2 * sizeof(void*);
    constexpr std::size_t k_block = 2 * sizeof(long) + sizeof(void*);
    std::size_t n = k_node + (key.size() > 15 ? key.size() + 1 : 0) + k_block + sizeof(CacheEntry<T>);
    if (entry.value) n += cached_bytes(*entry.value) - sizeof(T);  // the value is inside the entry
    if (entry.error) n += heap(*entry.error);
    return n;
}

template std::size_t entry_bytes<Weather>(std::string_view, const CacheEntry<Weather>&);
template std::size_t entry_bytes<Forecast>(std::string_view, const CacheEntry<Forecast>&);

}  // namespace tenki::cache
