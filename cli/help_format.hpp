#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace tenki::cli {

// The width --help is wrapped to, in columns: $COLUMNS when it is a positive number (as
// argparse and GNU tools read it), else the terminal's width when stdout is a terminal, else 80;
// never under 40.
std::size_t help_width();

// Wraps every line of CLI11's help text wider than width columns at spaces. An option's or a
// subcommand's description (text starting at column, after two spaces) continues under itself;
// any other line continues under its own indentation. A word wider than the line stays whole.
// Columns count UTF-8 characters, East Asian wide ones (CJK, kana, Hangul) as two.
std::string wrap_help(std::string_view text, std::size_t width, std::size_t column);

// CLI11's formatter, its output wrapped by wrap_help to a fixed width.
class WrappingFormatter : public CLI::Formatter {
public:
    explicit WrappingFormatter(std::size_t width) : m_width(width) {}
    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;

private:
    std::size_t m_width;
};

}  // namespace tenki::cli
