#pragma once

#include <boost/container/small_vector.hpp>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/api/reply.hpp"
#include "server/wttr/request.hpp"
#include "tenki/lang/language.hpp"
#include "tenki/service/service.hpp"

namespace tenki::server {

// One place of a wttr.in request: as asked ("" for the default place) and resolved.
struct WttrPlace {
    std::string label;
    Query query;
};

// A wttr.in request, parsed and resolved (Dispatcher::wttr_job): fixed for its target, view and
// Accept-Language, so a serving thread keeps it and shares it, unchanged, with every request
// that asks the same; each request's answers are its own (WttrAnswers).
struct WttrJob {
    wttr::WttrRequest request;
    std::string format;  // the line's format, a preset expanded
    bool json = false;   // format=j1 or j2: wttr.in's JSON document, its errors JSON too
    bool hourly = true;  // j1's weather[].hourly (j2 has none)
    bool p1 = false;     // format=p1: the Prometheus exposition of every place
    // No format=: the terminal view (curl-like or ?A: coloured; a browser's several places), else the page.
    bool terminal = false;
    bool page = false;
    std::optional<Error> page_error;  // the page's place is unknown or ambiguous: its status
    bool wants_forecast = false;
    Language language = Language::en;
    std::vector<WttrPlace> places;
    // The rendered answer's key in the thread's memo: the target, the language and the view
    // (a client's view never answers another's).
    std::string memo_key;
};

// One place's answers, once they come.
struct WttrPlaceAnswers {
    std::optional<Answer<Weather>> weather;
    std::optional<Answer<Forecast>> forecast;
};

// One request's answers to a (shared) job, place by place, in the job's order. One place, the
// common case, is held inline: a cache hit allocates nothing for it.
struct WttrAnswers {
    std::shared_ptr<const WttrJob> job;
    boost::container::small_vector<WttrPlaceAnswers, 1> places;
    std::size_t pending = 0;  // answers still to come
};

// A browser's /{place} (no format=, not a text client): the page, which reads the place from its
// path and asks for it (an unknown or ambiguous place: the error's status and no validator, the
// page showing it). Sets Vary: User-Agent when format= is absent; true when the page answered.
bool wttr_page_chosen(const WttrJob& job, Reply& reply);

}  // namespace tenki::server
