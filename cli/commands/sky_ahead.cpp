#include "commands/sky_ahead.hpp"

#include <chrono>
#include <utility>

#include "tenki/astronomy/sky_place.hpp"
#include "tenki/format/format.hpp"

namespace tenki::cli {

namespace {

std::chrono::sys_seconds sky_now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

std::vector<bool> shown_skies(const FormatInfo& format, std::string_view tmpl) {
    switch (format.pick) {
        case FormatPick::fallback: return {false};
        case FormatPick::json_flag: return {true};
        default: break;
    }
    std::vector<bool> shown;
    if (template_wants_sky(tmpl)) shown.push_back(true);
    if (format.format == OutputFormat::waybar) shown.push_back(false);
    return shown;
}

SkyAhead::SkyAhead(const SkyCache* skies, std::vector<bool> shown)
    : m_skies(skies), m_shown(std::move(shown)) {}

void SkyAhead::upstream_asked(AnswerKind kind, const Location& location) {
    if (kind != AnswerKind::current || m_skies == nullptr || m_shown.empty()) return;
    // Known before the answer where tenki resolved the place itself (a US ZIP code too); a postal
    // code only the provider locates waits for its answer.
    const auto place = weather_sky_place(location, std::nullopt, std::nullopt);
    if (!place) return;
    // A kept sky (the weather expired, the date not) is held at once, with no thread and no zone;
    // a sky that is not is computed for the local date now.
    const auto now = sky_now();
    std::vector<bool> missing;
    for (const bool moon_times : m_shown) {
        if (auto kept = m_skies->kept(*place, now, moon_times))
            m_skies->hold(std::move(*kept));
        else
            missing.push_back(moon_times);
    }
    if (missing.empty()) return;
    // The zone module loaded here, first: dlopen holds the loader's lock throughout, and libcurl's
    // load, next on this thread and the longest part of a cold run, would hold the thread back.
    (void)local_date("UTC", now);
    auto work = std::make_unique<Work>();
    work->thread = std::jthread(
        [skies = m_skies, missing = std::move(missing), place = *place, now, ready = &work->ready] {
            try {
                for (const bool moon_times : missing)
                    if (auto sky = skies->ready(place, now, moon_times)) ready->push_back(std::move(*sky));
            } catch (...) {
                // Nothing got ready: the renderer computes the sky itself and meets what failed.
            }
        });
    const std::lock_guard lock(m_mutex);
    m_work.push_back(std::move(work));
}

void SkyAhead::wait() {
    const std::lock_guard lock(m_mutex);
    for (auto& work : m_work) {
        if (work->thread.joinable()) work->thread.join();
        for (auto& sky : work->ready) m_skies->hold(std::move(sky));
        work->ready.clear();
    }
    m_work.clear();
}

}  // namespace tenki::cli
