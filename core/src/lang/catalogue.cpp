#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <optional>
#include <vector>

#include "tenki/lang/translate.hpp"

namespace tenki {
namespace {

struct EmbeddedCatalogue {
    std::string_view name;  // po/<name>.po; "tenki" for tenki.pot's msgids
    const unsigned char* bytes;
    std::size_t size;
};

#include "catalogues.inc"

// A compiled catalogue as the GNU gettext manual's "The Format of GNU MO Files" lays it out:
// a magic number, the count N, the offsets of two tables of N (length, offset) pairs: the
// original strings, sorted, and their translations. Read in place, never copied.
class MoFile {
public:
    explicit MoFile(std::string_view bytes) : m_bytes(bytes) {
        constexpr std::uint32_t k_magic = 0x950412de;
        if (bytes.size() < 28) return;
        m_swapped = word(0) != k_magic;
        if (m_swapped && word(0) != k_magic) return;
        m_count = word(8);
        m_originals = word(12);
        m_translations = word(16);
        if (m_originals + std::uint64_t{m_count} * 8 > bytes.size() ||
            m_translations + std::uint64_t{m_count} * 8 > bytes.size())
            m_count = 0;
    }

    std::size_t size() const { return m_count; }
    std::string_view original(std::size_t i) const { return text(m_originals + i * 8); }
    std::string_view translation(std::size_t i) const { return text(m_translations + i * 8); }

    // The index of the entry whose msgid (the original up to a plural's NUL) is `msgid`.
    std::optional<std::size_t> find(std::string_view msgid) const {
        std::size_t low = 0, high = m_count;
        while (low < high) {
            const auto mid = low + (high - low) / 2;
            const auto key = original(mid);
            const auto id = key.substr(0, key.find('\0'));
            const int order = id.compare(msgid);
            if (order == 0) return mid;
            if (order < 0)
                low = mid + 1;
            else
                high = mid;
        }
        return std::nullopt;
    }

private:
    std::uint32_t word(std::size_t at) const {
        std::uint32_t w = 0;
        std::memcpy(&w, m_bytes.data() + at, sizeof w);
        return m_swapped ? __builtin_bswap32(w) : w;
    }
    std::string_view text(std::size_t at) const {
        const auto length = word(at), offset = word(at + 4);
        if (std::uint64_t{offset} + length > m_bytes.size()) return {};
        return m_bytes.substr(offset, length);
    }

    std::string_view m_bytes;
    bool m_swapped = false;
    std::uint32_t m_count = 0, m_originals = 0, m_translations = 0;
};

std::string_view embedded_catalogue(std::string_view name) {
    for (const auto& c : k_embedded_catalogues)
        if (c.name == name) return {reinterpret_cast<const char*>(c.bytes), c.size};
    return {};
}

// Each language's catalogue, built on its first use (a static's thread-safe initialisation).
const MoFile& language_catalogue(Language language) {
    static const auto k_files = [] {
        std::vector<MoFile> files;
        for (const auto& row : k_languages) files.emplace_back(embedded_catalogue(row.po));
        return files;
    }();
    return k_files[static_cast<std::size_t>(language)];
}

std::array<std::atomic<std::uint64_t>, k_language_count> g_untranslated{};

// The translation at `i`'s `form`-th plural form (a singular's only form is 0); empty when absent.
std::string_view form_of(std::string_view translation, std::size_t form) {
    for (std::size_t k = 0; k < form; ++k) {
        const auto nul = translation.find('\0');
        if (nul == std::string_view::npos) return {};
        translation.remove_prefix(nul + 1);
    }
    return translation.substr(0, translation.find('\0'));
}

// CLDR's plural rules for integers, as the catalogues' Plural-Forms headers write them.
std::size_t plural_form(Language language, std::int64_t n) {
    const auto n10 = n % 10, n100 = n % 100;
    switch (language) {
        case Language::ja:
        case Language::zh_hans:
        case Language::zh_hant: return 0;
        case Language::fr:
        case Language::pt_br: return n > 1 ? 1 : 0;
        case Language::ru:
        case Language::uk:
            if (n10 == 1 && n100 != 11) return 0;
            return n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14) ? 1 : 2;
        case Language::pl:
            if (n == 1) return 0;
            return n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14) ? 1 : 2;
        default: return n == 1 ? 0 : 1;
    }
}

std::string_view catalogue_lookup(Language language, std::string_view msgid, std::size_t form,
                                  std::string_view english) {
    const auto& file = language_catalogue(language);
    const auto found = file.find(msgid);
    const auto text = found ? form_of(file.translation(*found), form) : std::string_view();
    if (!text.empty()) return text;
    g_untranslated[static_cast<std::size_t>(language)].fetch_add(1, std::memory_order_relaxed);
    return english;
}

}  // namespace

std::string_view tr(Language language, std::string_view english) {
    if (language == Language::en || english.empty()) return english;
    return catalogue_lookup(language, english, 0, english);
}

std::string_view trn(Language language, std::string_view singular, std::string_view plural, std::int64_t n) {
    if (language == Language::en) return n == 1 ? singular : plural;
    return catalogue_lookup(language, singular, plural_form(language, n), n == 1 ? singular : plural);
}

std::vector<std::string> translatable_strings() {
    const MoFile all(embedded_catalogue("tenki"));
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto id = all.original(i);
        if (!id.empty()) ids.emplace_back(id.substr(0, id.find('\0')));
    }
    return ids;
}

std::vector<std::string> missing_translations(Language language) {
    std::vector<std::string> missing;
    if (language == Language::en) return missing;
    const MoFile all(embedded_catalogue("tenki"));
    const auto& file = language_catalogue(language);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto key = all.original(i);
        if (key.empty()) continue;
        const auto id = key.substr(0, key.find('\0'));
        const auto found = file.find(id);
        const auto forms = key.find('\0') == std::string_view::npos ? 1 : plural_form(language, 5) + 1;
        bool complete = found.has_value();
        for (std::size_t f = 0; complete && f < forms; ++f)
            complete = !form_of(file.translation(*found), f).empty();
        if (!complete) missing.emplace_back(id);
    }
    return missing;
}

std::uint64_t untranslated_lookups(Language language) {
    return g_untranslated[static_cast<std::size_t>(language)].load(std::memory_order_relaxed);
}

}  // namespace tenki
