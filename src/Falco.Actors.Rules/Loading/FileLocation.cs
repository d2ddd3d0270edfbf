namespace Falco.Actors.Rules.Loading;

/// <summary>A place in a rules file: 1-based line and column; 0:0 means the file as a whole.</summary>
public readonly record struct FileLocation(string File, int Line, int Column)
{
    public static FileLocation WholeFile(string file) => new(file, 0, 0);

    public override string ToString() => $"{File}:{Line}:{Column}";
}
