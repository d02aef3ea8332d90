//! The dashboard's bar charts as inline SVG, rendered on the server: no script, no CDN,
//! nothing the CSP (`style-src 'self'`) would refuse (no `style` attributes; the colours
//! are classes in `assets/admin.css`). Pure: counts in, markup out.

use std::fmt::Write;

/// The drawing's own coordinates; the SVG scales to its box through `viewBox`, so one
/// chart fits a 360 px phone and a wide screen alike.
const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 140.0;
/// Room at the top for the maximum's label and at the bottom for the time labels.
const TOP: f64 = 18.0;
const BOTTOM: f64 = 20.0;
/// The gap between bars, as a share of a bar's slot.
const GAP: f64 = 0.2;

/// One chart: a series of counts, oldest first.
pub struct Bars<'a> {
    /// Unique on the page: the `<title>` and `<desc>` ids derive from it.
    pub id: &'a str,
    pub title: &'a str,
    /// What a screen reader hears after the title (the totals in words).
    pub desc: &'a str,
    pub counts: &'a [u64],
    /// Under the first bar and under the last one ("24 h ago", "now").
    pub start_label: &'a str,
    pub end_label: &'a str,
}

/// The height in drawing units of a bar of `count` when the tallest is `max`.
pub fn bar_height(count: u64, max: u64) -> f64 {
    if max == 0 {
        return 0.0;
    }
    (HEIGHT - TOP - BOTTOM) * count as f64 / max as f64
}

/// `<svg role="img">` with its title and description; the bars themselves are
/// presentation (the page puts the figures in a table beside it).
pub fn render(chart: &Bars<'_>) -> String {
    let id = escape(chart.id);
    let max = chart.counts.iter().copied().max().unwrap_or(0);
    let baseline = HEIGHT - BOTTOM;
    let mut svg = String::with_capacity(256 + chart.counts.len() * 96);
    let _ = write!(
        svg,
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         preserveAspectRatio=\"xMidYMid meet\" aria-labelledby=\"{id}-title {id}-desc\" \
         focusable=\"false\" data-testid=\"chart\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(chart.title),
        escape(chart.desc),
    );
    let slots = chart.counts.len().max(1) as f64;
    let slot = WIDTH / slots;
    let bar = slot * (1.0 - GAP);
    for (i, count) in chart.counts.iter().enumerate() {
        let h = bar_height(*count, max);
        let x = i as f64 * slot + slot * GAP / 2.0;
        let _ = write!(
            svg,
            "<rect class=\"chart-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
            num(x),
            num(baseline - h),
            num(bar),
            num(h),
        );
    }
    let _ = write!(
        svg,
        "<line class=\"chart-axis\" x1=\"0\" y1=\"{b}\" x2=\"{WIDTH}\" y2=\"{b}\"/>\
         <text class=\"chart-label\" x=\"0\" y=\"12\">{max}</text>\
         <text class=\"chart-label\" x=\"0\" y=\"{t}\">{}</text>\
         <text class=\"chart-label\" x=\"{WIDTH}\" y=\"{t}\" text-anchor=\"end\">{}</text></svg>",
        escape(chart.start_label),
        escape(chart.end_label),
        b = num(baseline),
        t = num(HEIGHT - 4.0),
    );
    svg
}

/// Two decimals at most, no trailing zeros: small markup, stable tests.
fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Text and attribute values: the markup is inserted unescaped (`|safe`), so every
/// piece of text is escaped here.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(counts: &[u64]) -> String {
        render(&Bars {
            id: "c",
            title: "Sign-ins",
            desc: "Total 6",
            counts,
            start_label: "24 h ago",
            end_label: "now",
        })
    }

    fn heights(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .map(|r| {
                r.split("height=\"")
                    .nth(1)
                    .and_then(|h| h.split('"').next())
                    .unwrap()
                    .parse()
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn bars_scale_to_the_largest_count() {
        let svg = chart(&[0, 2, 4, 1]);
        let h = heights(&svg);
        assert_eq!(h.len(), 4);
        let full = HEIGHT - TOP - BOTTOM;
        assert_eq!(h[2], full);
        assert_eq!(h[1], full / 2.0);
        assert_eq!(h[3], full / 4.0);
        assert_eq!(h[0], 0.0);
        assert!(svg.contains(">4</text>"), "the maximum is labelled");
    }

    #[test]
    fn zeros_render_without_dividing_by_zero() {
        let svg = chart(&[0, 0, 0]);
        assert_eq!(heights(&svg), vec![0.0, 0.0, 0.0]);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let empty = chart(&[]);
        assert!(empty.starts_with("<svg") && empty.ends_with("</svg>"));
    }

    #[test]
    fn the_chart_is_an_accessible_image() {
        let svg = chart(&[1]);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"c-title c-desc\""));
        assert!(svg.contains("<title id=\"c-title\">Sign-ins</title>"));
        assert!(svg.contains("<desc id=\"c-desc\">Total 6</desc>"));
        assert!(svg.contains("viewBox=\"0 0 320 140\""));
        assert!(!svg.contains("style="), "the CSP refuses inline styles");
    }

    #[test]
    fn labels_are_escaped() {
        let svg = render(&Bars {
            id: "x\"y",
            title: "<script>alert(1)</script>",
            desc: "a & b",
            counts: &[1],
            start_label: "'",
            end_label: ">",
        });
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("a &amp; b"));
        assert!(svg.contains("x&quot;y-title"));
        assert!(svg.contains(">&#39;</text>") && svg.contains(">&gt;</text>"));
    }
}
