namespace ConsensusSim.Engine;

/// <summary>
/// The importance-sampling sums of a rare-event run (<see cref="Stages.RareEventStage"/>), kept beside a
/// <see cref="TrialAccumulator"/> (its <see cref="TrialAccumulator.Rare"/>) and merged like it: exactly, in any order.
/// Each trial adds its weighted indicator x = 1{target}·L / 2^<see cref="ScaleExponent"/>, L the likelihood ratio, in
/// fixed point: a per-run power-of-two scale near the probability (set by the pilot) keeps 64 fractional bits of
/// precision relative to the probability itself, where an absolute fixed point would lose tiny probabilities.
/// </summary>
internal sealed class RareTallies
{
    /// <summary>The fractional bits of <see cref="Sum"/>: x = 1 is 2^SumFractionBits.</summary>
    public const int SumFractionBits = 64;

    /// <summary>The fractional bits of <see cref="SumOfSquares"/>: x² = 1 is 2^SquareFractionBits (x² below 2⁻³² of the scale² adds nothing measurable to a variance).</summary>
    public const int SquareFractionBits = 32;

    /// <summary>
    /// The largest x a trial may add: 2⁴⁰ keeps one trial's square below 2¹¹², and 2⁴⁴ trials of a mean x up to 2¹⁸ inside
    /// the 127 bits of the sums. A weight 10¹² times the pilot's estimate means a tilt gone wrong, and is refused.
    /// </summary>
    public const double MaxScaledWeight = 1099511627776.0; // 2⁴⁰

    public RareTallies(int scaleExponent) => ScaleExponent = scaleExponent;

    /// <summary>The run's scale: each trial's weight is summed in units of 2^(ScaleExponent − <see cref="SumFractionBits"/>).</summary>
    public int ScaleExponent { get; set; }

    /// <summary>Trials in which the target outcome happened under the tilted distribution.</summary>
    public long Hits { get; set; }

    /// <summary>Σ x over the trials, in units of 2^−<see cref="SumFractionBits"/>.</summary>
    public Int128 Sum { get; set; }

    /// <summary>Σ x² over the trials, in units of 2^−<see cref="SquareFractionBits"/>.</summary>
    public Int128 SumOfSquares { get; set; }

    /// <summary>Nothing has been added: zero is zero at any scale, so empty tallies take on the scale of what is added to them.</summary>
    public bool IsEmpty => Hits == 0 && Sum == 0 && SumOfSquares == 0;

    /// <summary>Adds a trial in which the target happened, with its scaled weight x (trials without it add 0).</summary>
    /// <exception cref="InvalidOperationException">x exceeds <see cref="MaxScaledWeight"/>.</exception>
    public void AddHit(double scaledWeight)
    {
        if (!(scaledWeight <= MaxScaledWeight))
        {
            throw new InvalidOperationException($"A rare-event trial's likelihood ratio is {scaledWeight:E3} times the pilot's estimate of the probability, beyond the 2^40 the sums hold: the tuned tilt does not fit this scenario. Run without the rare-event estimator, or report the scenario.");
        }

        Hits++;
        Sum += (Int128)Math.Round(Math.ScaleB(scaledWeight, SumFractionBits));
        SumOfSquares += (Int128)Math.Round(Math.ScaleB(scaledWeight * scaledWeight, SquareFractionBits));
    }

    public void Add(RareTallies other)
    {
        if (other.ScaleExponent != ScaleExponent)
        {
            if (other.IsEmpty)
            {
                return;
            }

            if (!IsEmpty)
            {
                throw new InvalidOperationException($"Rare-event sums at scales 2^{ScaleExponent} and 2^{other.ScaleExponent} cannot be added: they come from differently tuned runs.");
            }

            ScaleExponent = other.ScaleExponent;
        }

        Hits += other.Hits;
        Sum += other.Sum;
        SumOfSquares += other.SumOfSquares;
    }
}
