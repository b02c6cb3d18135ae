#include "assessment/api.hpp"
#include "platform/module/registry.hpp"

namespace oqu::assessment {

void RegisterQuestionCommands(platform::ModuleRegistry& registry);

void Register(platform::ModuleRegistry& registry) {
    // For now the module brings the question importers and their messages; its tables (question
    // banks, quizzes, attempts) come with the testing system of the courses issue.
    registry.AddModule({.name = "assessment",
                        .schema_dir = "",
                        .templates_dir = "",
                        .strings_dir = "assessment/strings",
                        .openapi_file = ""});
    RegisterQuestionCommands(registry);
}

}  // namespace oqu::assessment
