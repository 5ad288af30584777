namespace ConsensusSim.Model;

/// <summary>
/// One field of the scenario format, declared once in <see cref="ScenarioFields"/>: where it sits, what
/// it holds, its default and its description. The reader's property names, the validator's ranges, the
/// model's defaults and <c>schemas/scenario.schema.json</c> are all derived from these declarations.
/// </summary>
/// <param name="Container">The JSON path of the object holding it (<c>$.procedure</c>), or a shared definition (<c>$defs.profile</c>).</param>
/// <param name="Name">The property name.</param>
/// <param name="Shape">What it holds.</param>
/// <param name="Description">What it means, for the schema and editors' tooltips.</param>
internal sealed record ScenarioField(string Container, string Name, FieldShape Shape, string Description)
{
    /// <summary>The field's JSON path, as problems name it: <c>$.procedure.ministerialDeterrence</c>.</summary>
    public string Path => Container + "." + Name;

    /// <summary>The value the model takes when the file leaves the field out; null when it has none (the field is optional).</summary>
    public object? Default { get; init; }

    /// <summary>Whether a file must give it.</summary>
    public bool Required { get; init; }

    /// <summary>Reads the field's value from the model object that holds it (ProcedureOptions for <c>$.procedure</c> …), so the validator checks it and tests compare it without naming it.</summary>
    public Func<object, object?>? Model { get; init; }

    /// <summary>The default as a number, for the model's initialisers.</summary>
    public double DefaultNumber => Default is double x ? x : throw new InvalidOperationException($"{Path} declares no numeric default.");

    /// <summary>The default as a <typeparamref name="T"/>, for the model's initialisers.</summary>
    /// <typeparam name="T">The model property's type.</typeparam>
    public T DefaultAs<T>() => Default is T x ? x : throw new InvalidOperationException($"{Path} declares no default of type {typeof(T).Name}.");
}

/// <summary>Declares the fields of one container in order, binding each to the model type <typeparamref name="TOwner"/> that holds its value.</summary>
/// <typeparam name="TOwner">The model type holding the container's values, or object when none does.</typeparam>
internal sealed class FieldTable<TOwner>(string container)
{
    private readonly List<ScenarioField> _fields = [];

    /// <summary>The fields in declaration order, which is the order files, messages and the schema list them in.</summary>
    public IReadOnlyList<ScenarioField> Fields => _fields;

    /// <summary>Declares a field.</summary>
    public ScenarioField Add(string name, FieldShape shape, string description, object? @default = null, Func<TOwner, object?>? model = null, bool required = false)
    {
        var field = new ScenarioField(container, name, shape, description)
        {
            Default = @default,
            Required = required,
            Model = model is null ? null : owner => model((TOwner)owner),
        };
        _fields.Add(field);
        return field;
    }
}
