#!/usr/bin/env Rscript
# Draw the thesis chart from a `consensussim sweep` CSV: P(adopted) against the first swept
# parameter, one curve per value of the second, each with its 95 % Wilson interval as a band.
#
#   consensussim sweep samples/scenarios/counter-terrorism-pc.json --vary tension=0:1:0.1 \
#       --vary topic=counter-terrorism,migration,arms-control,conflict-prevention --out sweep.csv
#   Rscript samples/r/thesis_chart.R sweep.csv thesis.png
#
# Base R only (no packages). The columns are described in docs/results.md. This script is not run by
# the test suite (R is not installed in CI); the Python one beside it is.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1 || length(args) > 2) stop("usage: thesis_chart.R SWEEP.csv [OUT.png]")
out <- if (length(args) == 2) args[2] else "thesis-chart.png"

rows <- read.csv(args[1], stringsAsFactors = FALSE, check.names = FALSE, na.strings = character(0))
rows <- rows[!startsWith(as.character(rows$point), "#"), ]   # an interrupted sweep's last line
swept <- names(rows)[seq(2, match("outcome", names(rows)) - 1)]
x <- swept[1]
series <- if (length(swept) > 1) swept[2] else NULL

adopted <- subset(rows, outcome == "adopted")
for (column in c("probability", "ci95_lower", "ci95_upper")) adopted[[column]] <- suppressWarnings(as.numeric(adopted[[column]]))
adopted$x <- suppressWarnings(as.numeric(adopted[[x]]))
adopted$x[is.na(adopted$x)] <- as.numeric(adopted$point[is.na(adopted$x)])
adopted$curve <- if (is.null(series)) "P(adopted)" else adopted[[series]]
curves <- unique(adopted$curve)
colours <- grDevices::hcl.colors(max(length(curves), 2), "Dark 3")

png(out, width = 800, height = 500)
par(mar = c(5, 4, 4, 12), xpd = FALSE)
plot(NA, xlim = range(adopted$x), ylim = c(0, 1.02), xlab = x, ylab = "P(adopted), band: 95 % interval",
     main = paste(strwrap(sprintf("P(adopted) against %s: %s", x, rows$scenario[1]), 60), collapse = "\n"), cex.main = 0.95)
grid()
for (i in seq_along(curves)) {
  d <- adopted[adopted$curve == curves[i], ]
  d <- d[order(d$x), ]
  polygon(c(d$x, rev(d$x)), c(d$ci95_lower, rev(d$ci95_upper)), col = adjustcolor(colours[i], 0.25), border = NA)
  lines(d$x, d$probability, col = colours[i], lwd = 2, type = "o", pch = 20)
}
par(xpd = TRUE)
legend("right", inset = c(-0.3, 0), legend = curves, col = colours[seq_along(curves)], lwd = 2,
       title = if (is.null(series)) NULL else series, bty = "n")
mtext(sprintf("ConsensusSim %s, seed %s, %s trials per point, sweep %s", rows$consensussim_version[1], rows$seed[1],
              rows$trials[1], rows$sweep[1]), side = 1, line = 4, adj = 0, cex = 0.7, col = "grey40")
invisible(dev.off())
cat(sprintf("%s: %d points, %d curve(s)\n", out, nrow(adopted), length(curves)))
