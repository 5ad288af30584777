using System.Globalization;

namespace ConsensusSim.Calibration;

/// <summary>
/// How well predicted adoption probabilities scored on observed cells, per attempt: the log score (the mean log
/// probability given to what happened, ≤ 0, higher is better) and the Brier score (the mean squared difference between
/// the outcome, 1 or 0, and the probability, lower is better).
/// </summary>
/// <param name="LogScore">Σ [k·ln p + (n − k)·ln(1 − p)] ÷ Σ n over the cells.</param>
/// <param name="BrierScore">Σ [k·(1 − p)² + (n − k)·p²] ÷ Σ n over the cells.</param>
/// <param name="Attempts">Σ n: the attempts scored.</param>
public readonly record struct PredictionScore(double LogScore, double BrierScore, int Attempts)
{
    /// <summary>Scores probabilities against cells.</summary>
    /// <param name="cells">The observed cells.</param>
    /// <param name="probabilities">The predicted P(adopted) of each cell, in (0, 1) where a cell has both outcomes (a probability of 0 or 1 gives −∞ when it misses).</param>
    /// <returns>The scores; NaN with no cells.</returns>
    /// <exception cref="ArgumentNullException">An argument or a cell is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The two lists differ in length, or the cells hold more than <see cref="int.MaxValue"/> attempts in all.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1] or NaN.</exception>
    public static PredictionScore Of(IReadOnlyList<ObservedCell> cells, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (cells.Any(c => c is null))
        {
            throw new ArgumentNullException(nameof(cells), "A cell is null.");
        }

        if (cells.Count != probabilities.Count)
        {
            throw new ArgumentException($"There are {cells.Count} cells but {probabilities.Count} probabilities.", nameof(probabilities));
        }

        double log = 0, brier = 0;
        long attempts = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(probabilities), p, "A probability must lie in [0, 1].");
            }

            int failed = cell.Attempts - cell.Adopted;
            log += BinomialScore.LogLikelihood(cell.Adopted, cell.Attempts, p);
            brier += (cell.Adopted * (1 - p) * (1 - p)) + (failed * p * p);
            attempts += cell.Attempts;
        }

        if (attempts > int.MaxValue)
        {
            throw new ArgumentException($"The cells hold {attempts} attempts in all, more than {int.MaxValue} that a score counts.", nameof(cells));
        }

        return attempts == 0 ? new PredictionScore(double.NaN, double.NaN, 0) : new PredictionScore(log / attempts, brier / attempts, (int)attempts);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"log score {LogScore:0.000}, Brier {BrierScore:0.000} ({Attempts} attempts)");
}
