#include <mutex>
#include <utility>
#include <vector>

#include "courses/api.hpp"

namespace oqu::courses {

namespace {

struct Providers {
    std::mutex mutex;
    std::vector<WeekItemProvider> list;
};

Providers& Registered() {
    static Providers providers;
    return providers;
}

}  // namespace

void AddWeekItemProvider(WeekItemProvider provider) {
    if (!provider) return;
    Providers& providers = Registered();
    const std::lock_guard lock(providers.mutex);
    providers.list.push_back(std::move(provider));
}

std::vector<WeekItem> WeekItemsOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                  std::int64_t course_id, const CourseAccess& access, std::string_view lang) {
    std::vector<WeekItemProvider> copy;
    {
        Providers& providers = Registered();
        const std::lock_guard lock(providers.mutex);
        copy = providers.list;
    }
    std::vector<WeekItem> items;
    for (const auto& provider : copy) {
        auto more = provider(actor, db, course_id, access, lang);
        items.insert(items.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    return items;
}

}  // namespace oqu::courses
