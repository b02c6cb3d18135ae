#pragma once

#include <string>
#include <string_view>

namespace oqu::platform::auth {

/// The receipt of a kept upload in a two-step import: step 1 keeps the file in the file store and
/// shows a preview, step 2 names the kept file by its SHA-256. A hash alone must not be enough to
/// commit (a file's hash shows in links, e.g. /courses/{id}/files/{sha256}), so the preview also
/// hands out this receipt: the SHA-256 of the session's secret (its CSRF token), the purpose (e.g.
/// "courses.cartridge:12", naming the target) and the file's hash. Only the session that made the
/// preview, for that purpose and file, can present it.
std::string UploadReceipt(std::string_view session_secret, std::string_view purpose, std::string_view sha256);

/// Whether `receipt` is UploadReceipt(session_secret, purpose, sha256), compared in constant time.
/// False for an empty session secret.
bool CheckUploadReceipt(std::string_view session_secret, std::string_view purpose, std::string_view sha256,
                        std::string_view receipt);

}  // namespace oqu::platform::auth
