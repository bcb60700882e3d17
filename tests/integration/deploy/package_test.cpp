// The .deb `make deb` writes, built by CPack from this build into a temporary directory (the
// build directory is left as it was) and inspected with dpkg-deb and lintian.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "support/temp_dir.hpp"
#include "util/subprocess.hpp"

using namespace tenki::test;
namespace fs = std::filesystem;

namespace {

#ifndef TENKI_HARDENED_BUILD
// An instrumented or unoptimised build (sanitizers, fuzzing, coverage, Debug) applies no
// dpkg-buildflags: its package is not the one that ships, and the optimised build checks that.
constexpr const char* k_unhardened_skip =
    "SKIP: this build applies no dpkg-buildflags (sanitizers, coverage or Debug): the package's "
    "hardening (BIND_NOW, RELRO) is checked in the optimised build's integration tier";
#endif

bool have_tool(const std::string& tool) {
    auto found = tenki::util::run_capture({"sh", "-c", "command -v " + tool});
    return found && found->status == 0;
}

tenki::util::RunOutput must_run(const std::vector<std::string>& argv) {
    tenki::util::RunOptions options;
    options.timeout = std::chrono::minutes(3);
    auto ran = tenki::util::run_capture(argv, options);
    REQUIRE(ran);
    INFO(argv.front() << ": " << ran->output << ran->errors);
    REQUIRE(ran->status == 0);
    return *ran;
}

fs::path build_deb(const TempDir& dir) {
    must_run(
        {"cpack", "-G", "DEB", "--config", TENKI_BINARY_DIR "/CPackConfig.cmake", "-B", dir.path().string()});
    for (const auto& entry : fs::directory_iterator(dir.path()))
        if (entry.path().extension() == ".deb") return entry.path();
    FAIL("cpack wrote no .deb in " << dir.path());
    return {};
}

// The one .deb both tests read, built on first use: CPack installs and strips the build (about
// 7 s), so the tier builds the package once, not once a test.
const fs::path& shared_deb() {
    static const TempDir dir("tenki-deb");
    static const fs::path deb = build_deb(dir);
    return deb;
}

// The package names in a Depends field: "a (>= 1), b | c" gives a, b, c.
std::set<std::string> package_names(const std::string& depends) {
    std::set<std::string> names;
    static const std::regex name(R"((?:^|[,|])\s*([a-z0-9][a-z0-9.+-]+))");
    for (std::sregex_iterator it(depends.begin(), depends.end(), name), end; it != end; ++it)
        names.insert((*it)[1]);
    return names;
}

// Every shared library the binary names: its DT_NEEDED entries and the sonames it passes to
// dlopen are both plain strings in the file (libcurl.so.4, libhiredis.so.0.14, ...).
std::set<std::string> sonames_in(const fs::path& binary) {
    const std::string bytes = read_file(binary);
    std::set<std::string> sonames;
    static const std::regex soname(R"(lib[A-Za-z0-9_+-]+\.so(\.[0-9]+)+)");
    for (std::sregex_iterator it(bytes.begin(), bytes.end(), soname), end; it != end; ++it)
        sonames.insert(it->str());
    return sonames;
}

// The installed packages that ship a file named soname ("libcurl4" for libcurl.so.4).
std::set<std::string> owners_of(const std::string& soname) {
    auto found = tenki::util::run_capture({"dpkg-query", "-S", "*/" + soname});
    std::set<std::string> owners;
    if (!found || found->status != 0) return owners;
    std::istringstream lines(found->output);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream packages(line.substr(0, line.find(": ")));
        for (std::string package; std::getline(packages, package, ',');) {
            package.erase(0, package.find_first_not_of(' '));
            owners.insert(package.substr(0, package.find(':')));  // drop ":amd64"
        }
    }
    return owners;
}

}  // namespace

TEST_CASE("the copyright file has a stanza for every data table compiled in",
          "[integration][deploy][package]") {
    // Each generated table sits beside a SOURCE.md naming its provenance and licence.
    const fs::path src = fs::path(TENKI_SOURCE_DIR) / "core/src";
    const std::string copyright = read_file(fs::path(TENKI_SOURCE_DIR) / "deploy/debian/copyright");
    std::size_t tables = 0;
    for (const auto& entry : fs::recursive_directory_iterator(src)) {
        if (entry.path().extension() != ".inc" || !fs::exists(entry.path().parent_path() / "SOURCE.md"))
            continue;
        ++tables;
        const std::string stanza = "Files: " + fs::relative(entry.path(), TENKI_SOURCE_DIR).string() + "\n";
        INFO(stanza);
        CHECK(copyright.find(stanza) != std::string::npos);
    }
    CHECK(tables >= 2);  // the ZIP codes and the cities
}

TEST_CASE("the .deb declares every library tenki loads, ships its documents and passes lintian",
          "[integration][deploy][package]") {
    if (!have_tool("cpack") || !have_tool("dpkg-deb") || !have_tool("lintian")) {
        WARN(
            "cpack, dpkg-deb or lintian is not installed (scripts/install-deps.sh installs them): "
            "the package was not checked");
        return;
    }
    TempDir dir("tenki-deb-root");
    const fs::path& deb = shared_deb();

    const std::string depends = must_run({"dpkg-deb", "-f", deb.string(), "Depends"}).output;
    INFO("Depends: " << depends);
    const auto declared = package_names(depends);
    // libcurl is loaded with dlopen, invisible to dpkg-shlibdeps: it must be declared all the same.
    CHECK(declared.count("libcurl4") == 1);
    CHECK(declared.count("ca-certificates") == 1);

    must_run({"dpkg-deb", "-x", deb.string(), (dir / "root").string()});
    const auto sonames = sonames_in(dir / "root/usr/bin/tenki");
    CHECK(sonames.count("libcurl.so.4") == 1);
    for (const auto& soname : sonames) {
        const auto owners = owners_of(soname);
        INFO(soname << " is shipped by " << owners.size() << " installed package(s)");
        REQUIRE_FALSE(owners.empty());
        bool listed = false;
        for (const auto& owner : owners) listed = listed || declared.count(owner) == 1;
        CHECK(listed);
    }

    const auto control = must_run({"dpkg-deb", "-f", deb.string(), "Maintainer", "Description"}).output;
    INFO(control);
    CHECK(control.find("localhost") == std::string::npos);
    CHECK(control.find("\n .\n") != std::string::npos);  // an extended description, in paragraphs

    const fs::path doc = dir / "root/usr/share/doc/tenki";
    const std::string copyright = read_file(doc / "copyright");
    CHECK(
        copyright.starts_with("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"));
    CHECK(copyright.find("License: CC-BY-4.0") != std::string::npos);
    CHECK(copyright.find("GeoNames") != std::string::npos);
    CHECK(fs::exists(doc / "changelog.gz"));
    // The units where systemd 252 looks (`systemctl enable tenki@5001` finds them), the key
    // drop-in and the nginx config as examples.
    for (const char* unit : {"tenki.service", "tenki@.service"}) {
        INFO(unit);
        CHECK(fs::is_regular_file(dir / "root/lib/systemd/system" / unit));
        CHECK(read_file(dir / "root/lib/systemd/system" / unit) ==
              read_file(fs::path(TENKI_SOURCE_DIR) / "deploy/systemd" / unit));
    }
    CHECK(fs::is_regular_file(doc / "examples/key.conf"));
    CHECK(fs::is_regular_file(doc / "examples/tenki.conf"));
    CHECK(fs::exists(dir / "root/usr/share/man/man1/tenki.1.gz"));
    CHECK_FALSE(fs::exists(dir / "root/usr/share/man/man1/tenki.1"));

    const auto changelog = must_run({"sh", "-c", "gzip -dc '" + (doc / "changelog.gz").string() + "'"});
    const std::string version = must_run({"dpkg-deb", "-f", deb.string(), "Version"}).output;
    CHECK(changelog.output.starts_with("tenki (" + version.substr(0, version.find('\n')) + ") "));

    tenki::util::RunOptions options;
    options.timeout = std::chrono::minutes(3);
    auto lint = tenki::util::run_capture({"lintian", "-I", "--fail-on", "error", deb.string()}, options);
    REQUIRE(lint);
    INFO("lintian: " << lint->output << lint->errors);
    CHECK(lint->status == 0);
    CHECK(lint->output.find("E: ") == std::string::npos);
    // Built with dpkg-buildflags' flags. (hardening-no-fortify-functions is not asked for: it is
    // lintian's known false positive when no call needed a fortified variant; absent today.)
#ifdef TENKI_HARDENED_BUILD
    CHECK(lint->output.find("hardening-no-bindnow") == std::string::npos);
    CHECK(lint->output.find("hardening-no-relro") == std::string::npos);
#else
    WARN(k_unhardened_skip);
#endif
}

TEST_CASE("the .deb ships the time-zone module beside tenki, which loads CCTZ only through it",
          "[integration][deploy][package]") {
    if (!have_tool("cpack") || !have_tool("dpkg-deb") || !have_tool("readelf")) {
        WARN("SKIP: cpack, dpkg-deb or readelf is not installed: the package was not checked");
        return;
    }
    TempDir dir("tenki-deb-tz");
    const fs::path& deb = shared_deb();
    must_run({"dpkg-deb", "-x", deb.string(), (dir / "root").string()});
    const fs::path binary = dir / "root/usr/bin/tenki";
    const fs::path module = dir / "root/usr/lib/tenki/tenki_tz.so";
    REQUIRE(fs::is_regular_file(module));
    // tenki --version loads no part of CCTZ: the binary does not link it, the module does.
    const auto needed = must_run({"readelf", "-d", binary.string()}).output;
    INFO(needed);
    CHECK(needed.find("libcctz") == std::string::npos);
    CHECK(must_run({"readelf", "-d", module.string()}).output.find("libcctz.so") != std::string::npos);
    // The module's libraries are declared like the binary's.
    const auto declared = package_names(must_run({"dpkg-deb", "-f", deb.string(), "Depends"}).output);
    for (const auto& soname : sonames_in(module)) {
        const auto owners = owners_of(soname);
        INFO(soname << " is shipped by " << owners.size() << " installed package(s)");
        bool listed = false;
        for (const auto& owner : owners) listed = listed || declared.count(owner) == 1;
        CHECK(listed);
    }
    // The packaged binary finds its module (../lib/tenki from its own directory).
    const auto moon = must_run({binary.string(), "moon", "Paris", "--date", "2026-07-01", "--json"}).output;
    INFO(moon);
    CHECK(moon.find("\"utc_offset\": \"+02:00\"") != std::string::npos);  // Paris in July
    CHECK(moon.find("\"sunrise\": \"2026-07-01T05:") != std::string::npos);
}

TEST_CASE("the packaged tenki is linked with Debian's hardening: full RELRO (BIND_NOW)",
          "[integration][deploy][package]") {
    if (!have_tool("cpack") || !have_tool("dpkg-deb") || !have_tool("readelf")) {
        WARN("SKIP: cpack, dpkg-deb or readelf is not installed: the packaged binary was not checked");
        return;
    }
#ifndef TENKI_HARDENED_BUILD
    WARN(k_unhardened_skip);
    return;
#endif
    TempDir dir("tenki-deb-elf");
    const fs::path& deb = shared_deb();
    must_run({"dpkg-deb", "-x", deb.string(), (dir / "root").string()});
    const auto binary = (dir / "root/usr/bin/tenki").string();
    const auto dynamic = must_run({"readelf", "-d", binary}).output;
    INFO(dynamic);
    CHECK(std::regex_search(dynamic, std::regex(R"(\(FLAGS\)\s+BIND_NOW|\(FLAGS_1\)\s+Flags:.*\bNOW\b)")));
    const auto segments = must_run({"readelf", "-lW", binary}).output;
    CHECK(segments.find("GNU_RELRO") != std::string::npos);
}
