#include "places/suggest.hpp"

#include <string>
#include <tuple>
#include <utility>

#include "places/city_table.hpp"

namespace tenki::places {
namespace {

// Below this many keys sharing the query's prefix, reading each in turn (in memory order) is
// cheaper than searching (every probe of a binary search is a cache miss).
constexpr std::size_t k_scan_below = 512;

class NearMisses {
public:
    NearMisses(const KeyTable& table, std::string_view key, std::vector<std::size_t>& out)
        : m_table(table), m_key(key), m_out(out) {}

    void run() {
        std::size_t lo = 0, hi = m_table.size();
        for (std::size_t i = 0; i <= m_key.size() && lo < hi; ++i) {
            if (hi - lo < k_scan_below) {
                scan(lo, hi);
                return;
            }
            edits_at(i, lo, hi);
            if (i == m_key.size()) break;
            std::tie(lo, hi) = key_range(m_table, m_key.substr(0, i + 1), false, lo, hi);
        }
    }

private:
    void scan(std::size_t lo, std::size_t hi) {
        for (std::size_t k = lo; k < hi; ++k) {
            const auto key = m_table.key(k);
            if (key != m_key && within_one_edit(key, m_key)) m_out.push_back(m_table.city(k));
        }
    }

    void add_exact(const std::string& candidate, std::size_t lo, std::size_t hi) {
        if (candidate == m_key) return;
        const auto [first, last] = key_range(m_table, candidate, true, lo, hi);
        for (std::size_t k = first; k < last; ++k) m_out.push_back(m_table.city(k));
    }

    // Every edit at position i, among the keys [lo, hi) that share the query's first i bytes.
    void edits_at(std::size_t i, std::size_t lo, std::size_t hi) {
        const std::string prefix(m_key.substr(0, i));
        if (i < m_key.size()) add_exact(prefix + std::string(m_key.substr(i + 1)), lo, hi);
        if (i + 1 < m_key.size()) {
            add_exact(prefix + m_key[i + 1] + m_key[i] + std::string(m_key.substr(i + 2)), lo, hi);
        }
        // The bytes that follow the prefix in the table, each once: substitute or insert them.
        // Not for the first byte: that costs a search of the whole table for each byte, and people
        // seldom mistype the first letter of a name.
        if (i == 0) return;
        for (std::size_t k = lo; k < hi;) {
            const auto key = m_table.key(k);
            if (key.size() <= i) {
                ++k;
                continue;
            }
            const std::string next = prefix + key[i];
            const auto [first, last] = key_range(m_table, next, false, k, hi);
            if (i < m_key.size() && key[i] != m_key[i]) {
                add_exact(next + std::string(m_key.substr(i + 1)), first, last);
            }
            add_exact(next + std::string(m_key.substr(i)), first, last);
            k = last;
        }
    }

    const KeyTable& m_table;
    std::string_view m_key;
    std::vector<std::size_t>& m_out;
};

}  // namespace

bool within_one_edit(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (a.size() == b.size()) {
        if (i == a.size()) return true;
        if (a.substr(i + 1) == b.substr(i + 1)) return true;  // one changed
        return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
    }
    return a.substr(i) == b.substr(i + 1);  // one added to a
}

std::vector<std::size_t> near_misses(std::string_view key) {
    std::vector<std::size_t> out;
    if (key.empty()) return out;
    NearMisses(k_name_keys, key, out).run();
    NearMisses(k_alias_keys, key, out).run();
    return out;
}

}  // namespace tenki::places
