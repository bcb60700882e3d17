#include "tenki/util/edit_distance.hpp"

#include <algorithm>
#include <utility>

namespace tenki {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows of the dynamic-programming table: two back for the swap of adjacent bytes.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::vector<std::string> nearest_words(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t max) {
    const std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
    std::vector<std::pair<std::size_t, std::size_t>> near;  // (distance, index in candidates)
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const std::string& candidate = candidates[i];
        if (candidate == word) continue;
        const std::size_t distance = edit_distance(word, candidate);
        if (distance <= allowed || (word.size() >= 2 && candidate.starts_with(word)))
            near.emplace_back(distance, i);
    }
    std::stable_sort(near.begin(), near.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (std::size_t k = 0; k < near.size() && out.size() < max; ++k)
        out.push_back(candidates[near[k].second]);
    return out;
}

}  // namespace tenki
