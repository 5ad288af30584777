using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Numerics;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// The same single-round stance vote written the way a first version usually is: an object per State,
/// lists allocated per trial, LINQ to count. A yardstick, not a product.
/// </summary>
internal sealed class NaiveReference
{
    private readonly List<NaiveState> _states;
    private readonly int _blocs;
    private readonly double _rho;

    public NaiveReference(CompiledScenario c)
    {
        _blocs = c.BlocCount;
        _rho = c.BlocCorrelation[0];
        _states = [.. Enumerable.Range(0, c.StateCount).Select(i => new NaiveState(c, i))];
    }

    public int Run(int trials)
    {
        int adopted = 0;
        for (int t = 0; t < trials; t++)
        {
            var random = TrialRandom.ForTrial(1, t);
            var shocks = Enumerable.Range(0, _blocs).Select(_ => random.NextNormal()).ToList();
            var positions = new List<NaivePosition>();
            foreach (var state in _states)
            {
                double z = (Math.Sqrt(_rho) * shocks[state.Bloc]) + (Math.Sqrt(1 - _rho) * random.NextNormal());
                positions.Add(state.Decide(z));
            }

            adopted += positions.Any(p => p == NaivePosition.Object) ? 0 : 1;
        }

        return adopted;
    }

    private enum NaivePosition
    {
        Join,
        Statement,
        Object,
    }

    private sealed class NaiveState(CompiledScenario c, int i)
    {
        private readonly double _gain = Gain(c, i);
        private readonly double _cost = c.BlockingCost[i].First;
        private readonly double _noise = c.Noise[i].First;
        private readonly double _hostage = c.Linkage[i].First * c.Tension * c.Susceptibility[0];

        public int Bloc { get; } = c.Bloc[i];

        public NaivePosition Decide(double z)
        {
            double perceived = _gain + (_noise * z) - _hostage;
            return perceived < -_cost ? NaivePosition.Object : perceived < 0 ? NaivePosition.Statement : NaivePosition.Join;
        }

        private static double Gain(CompiledScenario c, int i)
        {
            int d = c.DimensionCount;
            return Enumerable.Range(0, d).Sum(k => c.Salience[(i * d) + k]
                * (Math.Abs(c.StatusQuo[k].First - c.IdealPoint[(i * d) + k].First) - Math.Abs(c.Draft[k].First - c.IdealPoint[(i * d) + k].First)));
        }
    }
}
