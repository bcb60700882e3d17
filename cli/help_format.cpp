#include "help_format.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <sstream>
#include <vector>

namespace tenki::cli {

namespace {

constexpr std::size_t k_default_width = 80;
constexpr std::size_t k_min_width = 40;

// East Asian wide characters (Unicode's EastAsianWidth W and F, the main blocks), two columns.
bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Columns a UTF-8 string takes on a terminal (see wrap_help).
std::size_t columns(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80    ? 1
                                   : lead >= 0xF0 ? 4
                                   : lead >= 0xE0 ? 3
                                   : lead >= 0xC0 ? 2
                                                  : 1;
        char32_t c = length == 1 ? lead : lead & (0x7F >> length);
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        count += is_wide(c) ? 2U : 1U;
        i += length;
    }
    return count;
}

std::vector<std::string_view> words(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = text.find_first_not_of(' ');
    while (start != std::string_view::npos) {
        std::size_t end = text.find(' ', start);
        out.push_back(text.substr(start, end - start));
        start = end == std::string_view::npos ? end : text.find_first_not_of(' ', end);
    }
    return out;
}

// Where a wrapped line continues: under the description column of an option or subcommand row,
// else under the line's own indentation. A row's name and its description are two spaces apart,
// or one where an option's name fills the column ("  --hours INT:INT in [1 - 48] Hours ...").
std::size_t hanging_indent(std::string_view line, std::size_t width, std::size_t column) {
    const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
    const bool option_row = indent < line.size() && line[indent] == '-';
    const bool described = indent > 0 && column + 20 <= width && line.size() > column &&
                           line[column - 1] == ' ' && (line[column - 2] == ' ' || option_row) &&
                           line[column] != ' ';
    return described ? column : indent;
}

void wrap_line(std::string_view line, std::size_t width, std::size_t column, std::string& out) {
    if (columns(line) <= width) {
        out.append(line);
        return;
    }
    const std::size_t hang = hanging_indent(line, width, column);
    std::string current(line.substr(0, hang));
    bool empty = true;  // no word after the indentation yet
    for (std::string_view word : words(line.substr(hang))) {
        if (!empty && columns(current) + 1 + columns(word) > width) {
            out += current + '\n';
            current.assign(hang, ' ');
            empty = true;
        }
        if (!empty) current += ' ';
        current.append(word);
        empty = false;
    }
    out += current;
}

}  // namespace

std::size_t help_width() {
    if (const char* env = std::getenv("COLUMNS")) {
        std::size_t value = 0;
        const std::string_view text(env);
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc() && end == text.data() + text.size() && value > 0)
            return std::max(value, k_min_width);
    }
    winsize size{};
    if (::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return std::max<std::size_t>(size.ws_col, k_min_width);
    return k_default_width;
}

std::string wrap_help(std::string_view text, std::size_t width, std::size_t column) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        wrap_line(text.substr(start, end - start), width, column, out);
        if (end == std::string_view::npos) break;
        out += '\n';
        start = end + 1;
    }
    return out;
}

std::string WrappingFormatter::make_help(const CLI::App* app, std::string name,
                                         CLI::AppFormatMode mode) const {
    return wrap_help(CLI::Formatter::make_help(app, std::move(name), mode), m_width, get_column_width());
}

}  // namespace tenki::cli
