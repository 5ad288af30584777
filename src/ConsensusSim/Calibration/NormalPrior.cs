namespace ConsensusSim.Calibration;

/// <summary>
/// A normal prior on a parameter, on the parameter's own scale: it adds ((θ − mean) ÷ sd)² to the deviance, which is
/// −2 log of the prior density up to a constant, so the fit maximises the penalised likelihood (the posterior mode).
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class NormalPrior
{
    /// <summary>Creates the prior.</summary>
    /// <param name="mean">The mean, finite.</param>
    /// <param name="standardDeviation">The standard deviation, finite and positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">The mean is not finite, or the standard deviation is not finite and positive.</exception>
    public NormalPrior(double mean, double standardDeviation)
    {
        if (!double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be finite.");
        }

        if (!double.IsFinite(standardDeviation) || !(standardDeviation > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and positive.");
        }

        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>The mean.</summary>
    public double Mean { get; }

    /// <summary>The standard deviation.</summary>
    public double StandardDeviation { get; }

    /// <summary>The penalty added to the deviance at a value: ((value − mean) ÷ sd)².</summary>
    /// <param name="value">The parameter's value.</param>
    /// <returns>The penalty.</returns>
    public double Penalty(double value)
    {
        double z = (value - Mean) / StandardDeviation;
        return z * z;
    }
}
