using System.Reflection.Metadata;

namespace ConsensusSim.Tests.Architecture;

/// <summary>Type names, and the types that sit in no namespace.</summary>
internal sealed partial class AssemblyTypeUses
{
    private TypeDefinitionHandle TopLevel(TypeDefinitionHandle handle)
    {
        for (var outer = _md.GetTypeDefinition(handle).GetDeclaringType(); !outer.IsNil; outer = _md.GetTypeDefinition(outer).GetDeclaringType())
        {
            handle = outer;
        }

        return handle;
    }

    private string FullName(TypeDefinitionHandle handle)
    {
        var type = _md.GetTypeDefinition(handle);
        string name = _md.GetString(type.Name);
        if (!type.GetDeclaringType().IsNil)
        {
            return FullName(type.GetDeclaringType()) + "+" + name;
        }

        string ns = _md.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>
    /// Top-level types outside the assembly's own namespaces that the compiler did not generate (it emits
    /// <c>&lt;Module&gt;</c>, <c>&lt;PrivateImplementationDetails&gt;</c>, anonymous types and embedded attributes
    /// such as <c>System.Runtime.CompilerServices.NullableAttribute</c>): such a type would escape the layers.
    /// </summary>
    private List<string> UnplacedTypes()
    {
        string root = _assembly.GetName().Name!;
        var unplaced = new List<string>();
        foreach (var handle in _md.TypeDefinitions)
        {
            var type = _md.GetTypeDefinition(handle);
            string ns = _md.GetString(type.Namespace);
            if (!type.GetDeclaringType().IsNil || ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal))
            {
                continue;
            }

            if (!_md.GetString(type.Name).StartsWith('<') && !IsCompilerGenerated(type))
            {
                unplaced.Add(FullName(handle));
            }
        }

        return unplaced;
    }

    private bool IsCompilerGenerated(TypeDefinition type) => type.GetCustomAttributes()
        .Select(a => _md.GetCustomAttribute(a).Constructor)
        .Where(c => c.Kind == HandleKind.MemberReference)
        .Select(c => _md.GetMemberReference((MemberReferenceHandle)c).Parent)
        .Where(p => p.Kind == HandleKind.TypeReference)
        .Select(p => _md.GetTypeReference((TypeReferenceHandle)p))
        .Any(t => _md.GetString(t.Name) == "CompilerGeneratedAttribute"
            && _md.GetString(t.Namespace) == "System.Runtime.CompilerServices");
}
