namespace ConsensusSim.Import;

/// <summary>One actor of an actor × issue table: its power and, per issue, its position and salience as the file gives them.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class ActorTableActor
{
    /// <summary>Creates an actor row.</summary>
    /// <param name="code">The actor's identifier.</param>
    /// <param name="name">A readable name.</param>
    /// <param name="power">Power (capabilities, influence), non-negative.</param>
    /// <param name="positions">Per issue, the position on the scale, or <see langword="null"/> where the file gives none.</param>
    /// <param name="saliences">Per issue, the salience as given (0 where the file gives none).</param>
    public ActorTableActor(string code, string name, double power, IReadOnlyList<double?> positions, IReadOnlyList<double> saliences)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(saliences);
        if (positions.Count != saliences.Count)
        {
            throw new ArgumentException("One position and one salience per issue are needed.", nameof(saliences));
        }

        if (!(double.IsFinite(power) && power >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "A power is a finite number of at least 0.");
        }

        if (positions.Any(p => p is double x && !double.IsFinite(x)))
        {
            throw new ArgumentException("A position is infinite or not a number.", nameof(positions));
        }

        if (saliences.Any(s => !(double.IsFinite(s) && s >= 0)))
        {
            throw new ArgumentException("A salience is negative, infinite or not a number.", nameof(saliences));
        }

        Code = code;
        Name = name;
        Power = power;
        Positions = positions;
        Saliences = saliences;
    }

    /// <summary>The actor's identifier.</summary>
    public string Code { get; }

    /// <summary>A readable name.</summary>
    public string Name { get; }

    /// <summary>Power (capabilities, influence), non-negative; only ratios matter.</summary>
    public double Power { get; }

    /// <summary>Per issue, the position on the scale, or <see langword="null"/> where the file gives none.</summary>
    public IReadOnlyList<double?> Positions { get; }

    /// <summary>Per issue, the salience as the file gives it (0 where it gives none).</summary>
    public IReadOnlyList<double> Saliences { get; }
}
