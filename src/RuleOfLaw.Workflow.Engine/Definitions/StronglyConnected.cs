namespace RuleOfLaw.Workflow.Engine.Definitions;

/// <summary>Tarjan's algorithm: the loops of a step graph, so each can be checked for a way out.</summary>
internal static class StronglyConnected
{
    public static List<HashSet<string>> Components(IReadOnlyDictionary<string, List<string>> successors)
    {
        var index = 0;
        var indices = new Dictionary<string, int>();
        var lowLinks = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<HashSet<string>>();

        void Visit(string node)
        {
            indices[node] = lowLinks[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in successors[node])
            {
                if (!indices.ContainsKey(next))
                {
                    Visit(next);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowLinks[node] = Math.Min(lowLinks[node], indices[next]);
                }
            }
            if (lowLinks[node] == indices[node])
            {
                var component = new HashSet<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                result.Add(component);
            }
        }

        foreach (var node in successors.Keys.Where(n => !indices.ContainsKey(n)))
        {
            Visit(node);
        }
        return result;
    }
}
