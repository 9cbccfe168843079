package docs_test

import (
	"bufio"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// repoRoot is the repository's root, seen from this package's folder.
const repoRoot = ".."

// documents are the Markdown files whose links are checked, as globs relative
// to the repository root.
var documents = []string{
	"README.md",
	"BENCHMARKS.md",
	"docs/*.md",
	"x/*/README.md",
	"bench/results/*.md",
}

var (
	// inlineLink matches [text](target) and ![alt](target "title"); group 1 is the target.
	inlineLink = regexp.MustCompile(`!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	// refDefinition matches a reference-style link definition: [label]: target.
	refDefinition = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$`)
	// codeSpan matches an inline code span.
	codeSpan = regexp.MustCompile("`+[^`]*`+")
	// scheme matches a URL scheme (https:, mailto:, file:, ...).
	scheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
	// heading matches an ATX heading; group 1 is its text.
	heading = regexp.MustCompile(`^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$`)
	// htmlAnchor matches <a name="x"> and id="x" anchors.
	htmlAnchor = regexp.MustCompile(`<a\s+(?:name|id)="([^"]+)"`)
)

// TestRelativeLinksResolveInsideTheRepository: every link of the repository's
// Markdown documents is either a web address (http, https) or a relative path
// to a file or folder inside the repository; a #fragment into a Markdown file
// names one of its headings. A code span naming a relative path that climbs
// out of the repository (`../shared/...`) counts as a link too: the
// documentation may not depend on files the repository does not have.
func TestRelativeLinksResolveInsideTheRepository(t *testing.T) {
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("%s is not the repository root: %v", root, err)
	}
	files := markdownFiles(t, root)
	if len(files) < 8 {
		t.Fatalf("found only %d Markdown files (%v): the globs %v no longer match the layout", len(files), files, documents)
	}
	anchors := map[string][]string{} // file -> anchors, filled on demand
	checked := 0
	for _, file := range files {
		doc, err := readDocument(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range doc.links {
			checked++
			if err := checkLink(root, file, l.target, anchors); err != nil {
				t.Errorf("%s:%d: link %q: %v", file, l.line, l.target, err)
			}
		}
		for _, l := range doc.codePaths {
			if err := checkInside(root, file, l.target); err != nil {
				t.Errorf("%s:%d: path %q: %v", file, l.line, l.target, err)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no link found in any document")
	}
}

// link is a link target and the line it was found on.
type link struct {
	target string
	line   int
}

// document is what the test reads from one Markdown file.
type document struct {
	links     []link   // link targets outside code
	codePaths []link   // relative paths in code spans that start with ../
	anchors   []string // the heading slugs and HTML anchors
}

func markdownFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	for _, g := range documents {
		matches, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(g)))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range matches {
			rel, err := filepath.Rel(root, m)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, filepath.ToSlash(rel))
		}
	}
	slices.Sort(files)
	return slices.Compact(files)
}

// readDocument reads a Markdown file's links, relative code-span paths and
// anchors, skipping fenced code blocks.
func readDocument(path string) (document, error) {
	f, err := os.Open(path)
	if err != nil {
		return document{}, err
	}
	defer f.Close()
	var (
		doc   document
		fence string
		seen  = map[string]int{}
	)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		for _, span := range codeSpan.FindAllString(line, -1) {
			p := strings.Trim(span, "` ")
			if strings.HasPrefix(p, "../") {
				doc.codePaths = append(doc.codePaths, link{p, n})
			}
		}
		text := codeSpan.ReplaceAllString(line, "")
		for _, m := range inlineLink.FindAllStringSubmatch(text, -1) {
			doc.links = append(doc.links, link{m[1], n})
		}
		if m := refDefinition.FindStringSubmatch(text); m != nil {
			doc.links = append(doc.links, link{m[1], n})
		}
		for _, m := range htmlAnchor.FindAllStringSubmatch(line, -1) {
			doc.anchors = append(doc.anchors, m[1])
		}
		if m := heading.FindStringSubmatch(line); m != nil {
			slug := slugify(m[1])
			if k := seen[slug]; k > 0 {
				doc.anchors = append(doc.anchors, fmt.Sprintf("%s-%d", slug, k))
			} else {
				doc.anchors = append(doc.anchors, slug)
			}
			seen[slug]++
		}
	}
	return doc, sc.Err()
}

// slugify is GitHub's heading anchor: link text instead of links, lower case,
// only letters, digits, '-', '_' and spaces kept, spaces made '-'.
func slugify(h string) string {
	h = inlineLink.ReplaceAllStringFunc(h, func(s string) string {
		return s[strings.Index(s, "[")+1 : strings.Index(s, "]")]
	})
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteRune('-')
		}
	}
	return b.String()
}

// checkLink checks one link target of file (a path relative to root).
func checkLink(root, file, target string, anchors map[string][]string) error {
	if scheme.MatchString(target) {
		u, err := url.Parse(target)
		if err != nil {
			return err
		}
		if u.Scheme == "http" || u.Scheme == "https" {
			return nil
		}
		return fmt.Errorf("scheme %q: only relative paths inside the repository and web addresses may be linked", u.Scheme)
	}
	pathPart, fragment, _ := strings.Cut(target, "#")
	pathPart, _, _ = strings.Cut(pathPart, "?")
	if p, err := url.PathUnescape(pathPart); err == nil {
		pathPart = p
	}
	dest := file
	if pathPart != "" {
		if err := checkInside(root, file, pathPart); err != nil {
			return err
		}
		dest = filepath.ToSlash(filepath.Join(filepath.Dir(file), pathPart))
	}
	if fragment == "" || !strings.HasSuffix(dest, ".md") {
		return nil
	}
	list, ok := anchors[dest]
	if !ok {
		doc, err := readDocument(filepath.Join(root, filepath.FromSlash(dest)))
		if err != nil {
			return err
		}
		list = doc.anchors
		anchors[dest] = list
	}
	if !slices.Contains(list, strings.ToLower(fragment)) {
		return fmt.Errorf("%s has no heading with the anchor #%s", dest, fragment)
	}
	return nil
}

// checkInside checks that a relative path of file names an existing file or
// folder inside the repository.
func checkInside(root, file, p string) error {
	if strings.HasPrefix(p, "/") || filepath.IsAbs(p) {
		return fmt.Errorf("an absolute path: write it relative to %s", file)
	}
	abs := filepath.Join(root, filepath.FromSlash(filepath.Dir(file)), filepath.FromSlash(p))
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("leaves the repository")
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("no such file or folder in the repository (%s)", filepath.ToSlash(rel))
	}
	return nil
}
