namespace ConsensusSim.Analysis;

/// <summary>
/// Exact results for the fixed-objection model, where each State objects independently with its
/// own probability: the baseline every simulation is checked against.
/// </summary>
public static class IndependentObjections
{
    /// <summary>P(adopted) under consensus in one round: Π(1 − pᵢ).</summary>
    /// <param name="objectionProbabilities">Each State's probability of objecting, in [0, 1].</param>
    /// <returns>The probability that nobody objects.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1] or not a number.</exception>
    public static double ConsensusProbability(IReadOnlyList<double> objectionProbabilities)
    {
        ArgumentNullException.ThrowIfNull(objectionProbabilities);
        double product = 1;
        foreach (double p in objectionProbabilities)
        {
            Check(p);
            product *= 1 - p;
        }

        return product;
    }

    /// <summary>
    /// The Poisson-binomial distribution of the number of objectors: element k is P(exactly k States object).
    /// Computed by the stable O(n²) recursion over States.
    /// </summary>
    /// <param name="objectionProbabilities">Each State's probability of objecting, in [0, 1].</param>
    /// <returns>An array of length n + 1 summing to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1] or not a number.</exception>
    public static double[] ObjectorCountDistribution(IReadOnlyList<double> objectionProbabilities)
    {
        ArgumentNullException.ThrowIfNull(objectionProbabilities);
        var pmf = new double[objectionProbabilities.Count + 1];
        pmf[0] = 1;
        int seen = 0;
        foreach (double p in objectionProbabilities)
        {
            Check(p);
            seen++;
            for (int k = seen; k >= 1; k--)
            {
                pmf[k] = (pmf[k] * (1 - p)) + (pmf[k - 1] * p);
            }

            pmf[0] *= 1 - p;
        }

        return pmf;
    }

    /// <summary>
    /// P(adopted within <paramref name="rounds"/> independent rounds): 1 − (1 − q)^R with q = Π(1 − pᵢ).
    /// </summary>
    /// <param name="objectionProbabilities">Each State's probability of objecting in a round.</param>
    /// <param name="rounds">The number of rounds, at least 1.</param>
    /// <returns>The probability of adoption in some round.</returns>
    public static double AdoptionWithinRounds(IReadOnlyList<double> objectionProbabilities, int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        double q = ConsensusProbability(objectionProbabilities);
        return 1 - Math.Pow(1 - q, rounds);
    }

    private static void Check(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "An objection probability must lie in [0, 1].");
        }
    }
}
