// /static/NAME: the pages' stylesheet and script, from the binary (assets.h); nothing from the disk.
#include "assets.h"
#include "routes.h"

namespace talkdex::web {

void add_static(httplib::Server& server) {
  server.Get(R"(/static/([A-Za-z0-9_.-]+))", guarded(false, [](const httplib::Request& req, httplib::Response& res) {
    std::string name = req.matches[1];
    for (const auto& a : assets()) {
      if (a.name != name) continue;
      res.set_header("Cache-Control", "public, max-age=3600");
      res.set_content(std::string(a.body), std::string(a.content_type));
      return;
    }
    throw HttpError(404, "no static file " + name);
  }));
}

}  // namespace talkdex::web
