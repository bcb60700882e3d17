#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "tenki/astronomy/sky.hpp"
#include "tenki/error.hpp"

// The CLI's disk cache of computed skies: the sky over a place on a local date is a function of
// them alone (sky_on), so a status bar polling `tenki weather` every minute, or `tenki moon` run
// again, loads no time-zone module and computes no position while the place's local date is the
// one kept.
namespace tenki {

class SkyCache {
public:
    // `dir`: the weather's folder (DiskCache::default_dir(), under its rules: a real directory this
    // user owns that no one else may write). refresh: never read, only compute and store (--refresh).
    explicit SkyCache(std::filesystem::path dir, bool refresh = false);

    // The sky over `place` on its local date at instant `at` (sky_on's, with moon_times): the
    // kept one when the place's record is of that local date (the record holds the UTC instants
    // the date begins and ends, so no zone is loaded to tell), else computed and stored.
    // One file a place (coordinates, zone, moon_times): `sky-v1-48.8566,2.3522-Europe_Paris-full.json`,
    // overwritten by the next date. Errors: sky_on's and local_date's; a missing, corrupt or
    // foreign record is computed afresh, never an error, and a store that fails is ignored.
    Result<Sky> at(const SkyPlace& place, std::chrono::sys_seconds at, bool moon_times = true) const;
    // The same for a local date given (tenki moon --date).
    Result<Sky> on(const SkyPlace& place, std::chrono::year_month_day date, bool moon_times = true) const;

    // The file holding the place's record.
    std::filesystem::path path_for(const SkyPlace& place, bool moon_times) const;

    // A sky with the UTC instants [from, until) of its local date, and whose it is; stored: its
    // record is on disk.
    struct Ready {
        SkyPlace place;
        bool moon_times = true;
        std::int64_t from = 0;
        std::int64_t until = 0;
        Sky sky;
        bool stored = true;
    };
    // The sky over `place` on its local date at `at`, got ready off the rendering thread (at()'s
    // work, read or computed, but nothing stored: safe on any thread); nullopt when computing it
    // failed (at() then meets the same error itself). hold() keeps it in memory for at(), which
    // stores a computed one when it first gives it: a sky computed ahead for a date the report
    // does not show (an answer observed before local midnight) never replaces the record shown.
    // hold() and at() are for one thread at a time.
    std::optional<Ready> ready(const SkyPlace& place, std::chrono::sys_seconds at, bool moon_times) const;
    void hold(Ready sky) const;
    // The kept record alone (ready() without computing): nullopt when there is none of that date.
    std::optional<Ready> kept(const SkyPlace& place, std::chrono::sys_seconds at, bool moon_times) const;

private:
    std::optional<Ready> load(const SkyPlace& place, bool moon_times,
                              std::optional<std::chrono::sys_seconds> at,
                              std::optional<std::chrono::year_month_day> date) const;
    static std::optional<Ready> bounded(const SkyPlace& place, bool moon_times, const Sky& sky);
    void store(const Ready& sky) const noexcept;
    Result<Sky> computed(const SkyPlace& place, std::chrono::year_month_day date, bool moon_times) const;
    Ready* held(const SkyPlace& place, std::chrono::sys_seconds at, bool moon_times) const;

    std::filesystem::path m_dir;
    bool m_refresh = false;
    mutable std::vector<Ready> m_held;
};

}  // namespace tenki
