using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace ConsensusSim.Tests.Support;

/// <summary>
/// What a reader sees of an HTML page in headless Chromium at a given window width: a copy of the
/// page, in a frame of that width, gets a script that measures it once laid out (blocks wider than their box, text smaller
/// than 12 px, charts drawn, text outside its drawing, diagram labels over each other), and
/// Chromium's --dump-dom hands back the page with the measurements written into it.
/// </summary>
internal static class ReaderView
{
    private const string Marker = "consensussim-reader-view";

    // Runs at the end of the body, after the inline SVGs are parsed; reading sizes forces the layout.
    private const string Script = """
        <script>
        (function () {
          const out = { width: window.innerWidth, overflowing: [], smallText: [], charts: [], images: [], outside: [], overlaps: [] };
          const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : '')
            + ' "' + (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50) + '"';
          const scrolls = cs => cs.overflowX === 'auto' || cs.overflowX === 'scroll';
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth + 1) out.overflowing.push('the page: ' + root.scrollWidth + ' > ' + root.clientWidth);
          for (const el of document.body.querySelectorAll('*')) {
            if (!(el instanceof HTMLElement) || el.closest('details:not([open]) > :not(summary)')) continue;
            const cs = getComputedStyle(el);
            if (cs.display !== 'inline' && el.scrollWidth > el.clientWidth + 1 && !scrolls(cs)) out.overflowing.push(name(el) + ': ' + el.scrollWidth + ' > ' + el.clientWidth);
            const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim().length > 0);
            if (text && parseFloat(cs.fontSize) < 12) out.smallText.push(name(el) + ': ' + cs.fontSize);
          }
          for (const img of document.images) out.images.push({ src: img.src.slice(0, 60), naturalWidth: img.naturalWidth, complete: img.complete });
          const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
          document.querySelectorAll('.chart svg').forEach((svg, k) => {
            const box = svg.getBoundingClientRect();
            const texts = [...svg.querySelectorAll('text')];
            let smallest = 1e9;
            for (const t of texts) {
              const r = t.getBoundingClientRect();
              if (r.width === 0) continue;
              if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
                out.outside.push('chart ' + k + ': "' + t.textContent + '" at ' + Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + Math.round(box.left) + '..' + Math.round(box.right));
              const scale = box.width / (svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.viewBox.baseVal.width : svg.width.baseVal.value);
              smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
            }
            out.charts.push({ width: box.width, height: box.height, texts: texts.length, smallestText: smallest });
            if (svg.closest('.diagram')) {
              const rects = texts.map(t => ({ t: t.textContent, r: t.getBoundingClientRect() }));
              for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++)
                if (overlap(rects[i].r, rects[j].r)) out.overlaps.push('"' + rects[i].t + '" / "' + rects[j].t + '"');
              // No arc may run through a label; a marker's number sits on its arc inside a white disc, by design.
              const circles = [...svg.querySelectorAll('circle')].map(c => c.getBoundingClientRect());
              const within = (r, c) => r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
              const labels = rects.filter(x => !circles.some(c => within(x.r, c)));
              const ctm = svg.getScreenCTM();
              for (const path of svg.querySelectorAll(':scope > path')) {
                const length = path.getTotalLength();
                for (let d = 0; d <= length; d += 2) {
                  const p = path.getPointAtLength(d).matrixTransform(ctm);
                  const hit = labels.find(x => p.x > x.r.left + 1 && p.x < x.r.right - 1 && p.y > x.r.top + 1 && p.y < x.r.bottom - 1);
                  if (hit) { out.overlaps.push('an arc runs through "' + hit.t + '"'); break; }
                }
              }
            }
          });
          const pre = document.createElement('pre');
          pre.id = 'MARKER';
          pre.textContent = JSON.stringify(out);
          (window.parent !== window ? window.parent.document : document).body.appendChild(pre);
        })();
        </script>
        """;

    /// <summary>Lays out <paramref name="html"/> in a window <paramref name="width"/> pixels wide and returns the measurements.</summary>
    public static async Task<JsonNode> Measure(string chromium, string html, int width, string scratch)
    {
        Directory.CreateDirectory(scratch);
        string page = Path.Combine(scratch, $"view-{width}.html");
        int end = html.LastIndexOf("</body>", StringComparison.Ordinal);
        Assert.True(end > 0, "the page has no </body>");
        string measured = html[..end] + Script.Replace("MARKER", Marker, StringComparison.Ordinal) + html[end..];

        // Headless Chromium makes no window narrower than 500 px: a phone's width is had from a frame that
        // narrow. A srcdoc frame shares the page's origin, so its script can hand the measurements out.
        File.WriteAllText(page, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\"><iframe style=\"border:0;width:{width}px;height:900px\" srcdoc=\"{WebUtility.HtmlEncode(measured)}\"></iframe></body></html>");

        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={Path.Combine(scratch, "profile-" + width)}",
            $"--window-size={width + 100},1000", "--force-device-scale-factor=1", "--dump-dom", new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var dom = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        string text = await dom;
        string open = $"<pre id=\"{Marker}\">";
        int at = text.IndexOf(open, StringComparison.Ordinal);
        Assert.True(at >= 0, "Chromium gave no measurements. stderr: " + await errors);
        int stop = text.IndexOf("</pre>", at, StringComparison.Ordinal);
        return JsonNode.Parse(WebUtility.HtmlDecode(text[(at + open.Length)..stop]))!;
    }
}
