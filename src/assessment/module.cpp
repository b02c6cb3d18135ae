#include "assessment/api.hpp"
#include "platform/module/registry.hpp"

namespace oqu::assessment {

void RegisterQuestionCommands(platform::ModuleRegistry& registry);
void RegisterAttempts(platform::ModuleRegistry& registry);
void RegisterBank(platform::ModuleRegistry& registry);

void Register(platform::ModuleRegistry& registry) {
    // The question importers, the question bank and quizzes of a course (schema/0001), attempts
    // (schema/0002). Registered after courses: its tables point at courses_course.
    registry.AddModule({.name = "assessment",
                        .schema_dir = "assessment/schema",
                        .templates_dir = "assessment/templates",
                        .strings_dir = "assessment/strings",
                        .openapi_file = "assessment/openapi.json"});
    RegisterQuestionCommands(registry);
    RegisterBank(registry);
    RegisterAttempts(registry);
}

}  // namespace oqu::assessment
