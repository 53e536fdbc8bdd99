/**
 * A news article as a newspaper's site serves it (navigation, related links,
 * a footer around an <article>), and a web server on 127.0.0.1 that serves it,
 * for the tests that save a source from a web address; also a page that
 * never finishes loading (to cancel). Anything else it serves is a 404 page.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export const PAGE_PATH = '/2024/03/14/harbour-fishing-quotas-cut';
const SLOW_PATH = '/2024/03/14/live-harbour-board-meeting';
export const OUTLET = 'The Harbour Gazette';
export const TITLE = 'Fishing quotas in the North Harbour cut by a third';
export const AUTHOR = 'Maren Solberg';
export const PUBLISHED = '2024-03-14T09:30:00Z';

/** The article's paragraphs, each a line of the saved text. */
export const PARAGRAPHS = [
  'The regional fisheries board on Wednesday cut next year’s cod quota for the North Harbour fleet by 34 per cent, the deepest cut since the board was set up in 1987, after a survey found far fewer young fish than expected.',
  'Board chair Ingrid Halvorsen said the decision was taken unanimously by the nine members present and followed the advice of the marine research institute, which had recommended a cut of between 30 and 40 per cent.',
  'The survey, carried out over six weeks last autumn by two research vessels, counted about 41 million young cod in the harbour’s fishing grounds, against an average of 63 million over the previous ten years.',
  'Skippers who gathered outside the board’s offices in Vardøy called the cut a disaster for the town, where 212 people work on the boats and about as many again in the two fish processing plants on the quay.',
  'The board said it would review the quota in September, when the results of the spring survey are known, and that it had asked the ministry for compensation for crews who lose income during the season.',
  'Halvorsen said the board had no choice. “If we fish the young cod now, there will be nothing left to fish in five years,” she said, adding that the stock had recovered after a similar cut in the early 1990s.',
];

export const NEWS_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${TITLE} | ${OUTLET}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="author" content="${AUTHOR}">
  <meta property="og:site_name" content="${OUTLET}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="${TITLE}">
  <meta property="article:published_time" content="${PUBLISHED}">
  <link rel="stylesheet" href="/static/site.css">
  <script>window.dataLayer = window.dataLayer || []; window.dataLayer.push({ section: 'local' });</script>
</head>
<body>
  <header class="masthead">
    <a class="logo" href="/">${OUTLET}</a>
    <nav aria-label="Sections">
      <ul>
        <li><a href="/local">Local</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
        <li><a href="/culture">Culture</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/weather">Weather</a></li>
      </ul>
    </nav>
    <a class="subscribe" href="/subscribe">Subscribe from 1 crown a week</a>
  </header>
  <main>
    <article class="story">
      <h1>${TITLE}</h1>
      <p class="byline">By <a rel="author" href="/authors/maren-solberg">${AUTHOR}</a>, <time datetime="${PUBLISHED}">14 March 2024</time></p>
      <figure><img src="/img/quay.jpg" alt="Boats moored at the quay"><figcaption>Boats at the quay in Vardøy.</figcaption></figure>
      <div class="story-body">
${PARAGRAPHS.map((p) => `        <p>${p}</p>`).join('\n')}
      </div>
    </article>
    <aside class="related">
      <h2>Read more</h2>
      <ul>
        <li><a href="/2024/03/10/new-ferry-timetable">New ferry timetable from April</a></li>
        <li><a href="/2024/03/12/quay-repairs">Quay repairs to start in May</a></li>
        <li><a href="/2024/03/13/school-board">School board elects a new chair</a></li>
      </ul>
    </aside>
  </main>
  <footer>
    <p>© 2024 ${OUTLET}. All rights reserved.</p>
    <p><a href="/privacy">Privacy</a> · <a href="/cookies">Cookies</a> · <a href="/contact">Contact the newsroom</a></p>
  </footer>
</body>
</html>
`;

export interface PageServer {
  /** The article's address. */
  readonly url: string;
  /** An address on the same server that answers 404. */
  readonly missing: string;
  /** An address whose page starts but never ends. */
  readonly slow: string;
  /** Requests for `slow` so far, and how many of them the client has given up (closed the connection). */
  slowRequests(): { started: number; closed: number };
  close(): Promise<void>;
}

/** Serves the article on 127.0.0.1 on a free port; `close()` stops it. */
export async function servePage(): Promise<PageServer> {
  const slow = { started: 0, closed: 0 };
  const server = http.createServer((req, res) => {
    if (req.url === SLOW_PATH) {
      slow.started++;
      res.once('close', () => slow.closed++);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write(NEWS_PAGE.slice(0, 200));
      return;
    }
    const found = req.method === 'GET' && req.url === PAGE_PATH;
    res.writeHead(found ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
    res.end(found ? NEWS_PAGE : `<!DOCTYPE html><html><head><title>Page not found | ${OUTLET}</title></head><body><h1>Page not found</h1></body></html>`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}${PAGE_PATH}`,
    missing: `${base}/2024/03/14/no-such-story`,
    slow: `${base}${SLOW_PATH}`,
    slowRequests: () => ({ ...slow }),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
