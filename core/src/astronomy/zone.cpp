#include "astronomy/zone.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "astronomy/tz_module/tz_api.hpp"

namespace tenki::astronomy {
namespace {

// Where the module is: beside the binary in the build tree (build/tenki, build/tenki_tests), in
// PREFIX/lib/tenki once installed (/usr/bin/tenki, /usr/lib/tenki/tenki_tz.so), both from the
// executable's directory (/proc/self/exe: tenki_core is linked into it). Not dlopen's $ORIGIN,
// which is the directory of dlopen's caller: under TSan, its interceptor's (libtsan's), so the
// TSan build never found the module. $ORIGIN stays the fallback where /proc is not mounted.
std::vector<std::string> tz_module_paths() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::string dir = ec ? std::string("$ORIGIN") : exe.parent_path().string();
    return {dir + "/../lib/tenki/tenki_tz.so", dir + "/tenki_tz.so"};
}

struct TzModule {
    const TenkiTzApi* api = nullptr;
    std::string error;  // why there is none
};

TzModule load_tz_module() {
    std::string tried;
    for (const auto& path : tz_module_paths()) {
        void* lib = ::dlopen(path.c_str(), RTLD_LAZY | RTLD_LOCAL);
        if (lib == nullptr) {
            tried += fmt::format("{}{}", tried.empty() ? "" : "; ", ::dlerror());
            continue;
        }
        using Entry = const TenkiTzApi* (*)();
        const auto entry = reinterpret_cast<Entry>(::dlsym(lib, "tenki_tz_api"));
        const TenkiTzApi* api = entry != nullptr ? entry() : nullptr;
        if (api != nullptr && api->version == k_tz_api_version) return TzModule{api, {}};
        tried += fmt::format("{}{}: not this tenki's module", tried.empty() ? "" : "; ", path);
    }
    return TzModule{nullptr, tried};
}

// Loaded once, on the first zone asked for (thread-safe); kept for the life of the process.
const TzModule& tz_module() {
    static const TzModule module = load_tz_module();
    return module;
}

const TenkiTzApi& api() { return *tz_module().api; }

long long unix_s(std::chrono::sys_seconds t) { return t.time_since_epoch().count(); }

}  // namespace

Result<Zone> find_zone(std::string_view name) {
    const auto& module = tz_module();
    if (module.api == nullptr)
        return fail(ErrorKind::io,
                    fmt::format("tenki's time-zone module (tenki_tz.so) could not be loaded ({}): "
                                "reinstall tenki",
                                module.error));
    if (const void* tz = module.api->find(name.data(), name.size()); tz != nullptr) return Zone{tz};
    return fail(ErrorKind::invalid_input,
                fmt::format("time zone '{}' is not in the system's tz database (/usr/share/zoneinfo): "
                            "install tzdata",
                            name));
}

int utc_offset_s(Zone zone, std::chrono::sys_seconds t) { return api().offset_s(zone.tz, unix_s(t)); }

std::chrono::sys_seconds local_day_start(Zone zone, std::chrono::year_month_day date) {
    const long long days = std::chrono::sys_days{date}.time_since_epoch().count();
    return std::chrono::sys_seconds{std::chrono::seconds{api().day_start(zone.tz, days)}};
}

std::chrono::year_month_day local_date_at(Zone zone, std::chrono::sys_seconds t) {
    const std::chrono::days days{api().local_day(zone.tz, unix_s(t))};
    return std::chrono::year_month_day{std::chrono::sys_days{days}};
}

}  // namespace tenki::astronomy
