// The HTML form of a page: gumbo parses it as a browser would; block elements end lines.
#include <gumbo.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "schedule/page_lines.h"
#include "talkdex/limits.h"
#include "talkdex/text.h"

namespace talkdex::page {
namespace {

// Every block gumbo allocates, linked so that the whole tree is freed in one loop. gumbo's own
// gumbo_destroy_output frees the tree by recursion, one stack frame per level, and a page of 300,000
// nested elements overflows the stack there. gumbo never reallocates (it only allocates and frees),
// so a header in front of each block is all the bookkeeping there is.
class GumboArena {
 public:
  GumboArena() {
    options_ = kGumboDefaultOptions;
    options_.allocator = &GumboArena::allocate;
    options_.deallocator = &GumboArena::deallocate;
    options_.userdata = this;
    // Each parse error keeps a copy of the open elements: unbounded, they grow with the square of the depth.
    options_.max_errors = limits::kMaxHtmlErrors;
  }
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;
  ~GumboArena() {
    while (head_.next != &head_) {
      Block* b = head_.next;
      unlink(b);
      std::free(b);
    }
  }
  const GumboOptions* options() const { return &options_; }

 private:
  struct alignas(std::max_align_t) Block {
    Block* prev;
    Block* next;
  };
  static void unlink(Block* b) {
    b->prev->next = b->next;
    b->next->prev = b->prev;
  }
  static void* allocate(void* userdata, size_t size) {
    auto* arena = static_cast<GumboArena*>(userdata);
    auto* b = static_cast<Block*>(std::malloc(sizeof(Block) + size));
    if (!b) std::abort();  // gumbo cannot take a failed allocation: it would dereference it
    b->prev = &arena->head_;
    b->next = arena->head_.next;
    arena->head_.next->prev = b;
    arena->head_.next = b;
    return b + 1;
  }
  static void deallocate(void*, void* ptr) {
    if (!ptr) return;
    Block* b = static_cast<Block*>(ptr) - 1;
    unlink(b);
    std::free(b);
  }

  GumboOptions options_;
  Block head_{&head_, &head_};
};

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

bool is_skipped(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
         tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_TITLE;
}

std::string attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&element.attributes, name);
  return attr ? std::string(attr->value) : std::string();
}

// The text under a node, for the <title>.
std::string text_of(const GumboNode* node) {
  std::string out;
  std::vector<const GumboNode*> stack{node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      out += n->v.text.text;
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& children = n->v.element.children;
      for (unsigned i = children.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(children.data[i]));
    }
  }
  return collapse_space(out);
}

// Collects lines while the tree is walked.
class LineBuilder {
 public:
  explicit LineBuilder(const std::string& base_url) : base_url_(base_url) {}

  void text(std::string_view s, int source_line, bool preformatted) {
    if (!preformatted) {
      append(s, source_line);
      return;
    }
    size_t start = 0;
    while (true) {
      size_t nl = s.find('\n', start);
      append(s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start), source_line);
      if (nl == std::string_view::npos) break;
      end_line();
      start = nl + 1;
      ++source_line;
    }
  }

  void space() { current_ += ' '; }

  void open_anchor(std::string href, std::string title) {
    close_anchor();
    anchor_ = Anchor{std::move(href), std::move(title), current_.size()};
  }

  void close_anchor() {
    if (!anchor_) return;
    std::string text = current_.substr(std::min(anchor_->text_start, current_.size()));
    if (auto link = make_link(anchor_->href, anchor_->title.empty() ? text : anchor_->title, base_url_)) {
      if (std::find(links_.begin(), links_.end(), *link) == links_.end()) links_.push_back(*link);
    }
    anchor_.reset();
  }

  void end_line() {
    std::string text = collapse_space(current_);
    if (!text.empty()) {
      lines_.push_back(PageLine{line_start_, text, std::move(links_)});
      links_.clear();
    }
    // A link with no text of its own on a line (an icon) stays for the next line with text.
    current_.clear();
    line_start_ = 0;
    if (anchor_) anchor_->text_start = 0;
  }

  std::vector<PageLine> take() {
    close_anchor();
    end_line();
    return std::move(lines_);
  }

 private:
  void append(std::string_view s, int source_line) {
    if (line_start_ == 0 && !trim(s).empty()) line_start_ = source_line;
    current_ += s;
  }

  struct Anchor {
    std::string href, title;
    size_t text_start = 0;
  };
  const std::string& base_url_;
  std::string current_;
  int line_start_ = 0;
  std::vector<Link> links_;
  std::optional<Anchor> anchor_;
  std::vector<PageLine> lines_;
};

}  // namespace

PageText html_page_lines(std::string_view html, const std::string& base_url) {
  PageText page;
  if (html.size() > limits::kMaxHtmlBytes) {
    page.refused = fmt::format("an HTML page of more than {} bytes (the limit)", limits::kMaxHtmlBytes);
    return page;
  }
  GumboArena arena;  // frees the tree when it goes out of scope, without recursion
  GumboOutput* output = gumbo_parse_with_options(arena.options(), html.data(), html.size());
  if (!output || !output->root) return page;

  LineBuilder lines(base_url);
  // An explicit stack rather than recursion: a page of deeply nested elements must not exhaust the stack.
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
  };
  std::vector<Frame> stack{{output->root, 0}};
  int preformatted = 0;
  auto leave = [&](const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT) return;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_A) lines.close_anchor();
    if (tag == GUMBO_TAG_PRE) --preformatted;
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) lines.space();
    if (is_block(tag)) lines.end_line();
  };
  while (!stack.empty()) {
    if (stack.size() > limits::kMaxHtmlDepth) {
      page.refused = fmt::format("more than {} HTML elements inside each other (the limit)", limits::kMaxHtmlDepth);
      page.lines.clear();
      page.document_title.clear();
      return page;
    }
    Frame& frame = stack.back();
    const GumboNode* node = frame.node;
    if (node->type != GUMBO_NODE_ELEMENT) {
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA)
        lines.text(node->v.text.text, static_cast<int>(node->v.text.start_pos.line), preformatted > 0);
      stack.pop_back();
      continue;
    }
    const GumboElement& element = node->v.element;
    if (frame.next_child == 0) {  // entering the element
      if (element.tag == GUMBO_TAG_TITLE && page.document_title.empty()) page.document_title = text_of(node);
      if (is_skipped(element.tag)) {
        stack.pop_back();
        continue;
      }
      if (is_block(element.tag) || element.tag == GUMBO_TAG_BR) lines.end_line();
      if (element.tag == GUMBO_TAG_TD || element.tag == GUMBO_TAG_TH) lines.space();
      if (element.tag == GUMBO_TAG_PRE) ++preformatted;
      if (element.tag == GUMBO_TAG_A) lines.open_anchor(attribute(element, "href"), attribute(element, "title"));
    }
    if (frame.next_child < element.children.length) {
      const GumboNode* child = static_cast<const GumboNode*>(element.children.data[frame.next_child++]);
      stack.push_back({child, 0});  // `frame` may dangle after this: not used again in this turn
      continue;
    }
    leave(node);
    stack.pop_back();
  }
  page.lines = lines.take();
  return page;
}

}  // namespace talkdex::page
