#!/usr/bin/env python3
"""shapes.py OUT: two catalogue shapes unlike make bench's own, for its
memory figures (docs/performance.md): `full.svc`, 60,000 services written
out in full (no template, characteristic blocks, long doc comments), and
`org.svc`, 150,000 teams and 150,000 people of two fields each, every one
referred to, and `warned.svc`, the same without the teams' leads: 150,000
people nothing refers to, a warning (W0201) each, all kept."""
import os
import sys

out = sys.argv[1]
CATALOGUE = 'catalogue shape "Shape" {\n  version "1"\n  provider "P"\n}\n'

with open(os.path.join(out, "full.svc"), "w") as f:
    f.write(CATALOGUE + "team ops {}\n")
    for i in range(60000):
        dep = f'  depends_on s{i - 1} {{\n    strength soft\n    reason "Degrades"\n  }}\n' if i else ""
        f.write(f"/// Service {i}: a service described at some length, as a real catalogue does,"
                f" with a sentence or two about what it does for whom.\n"
                f'service s{i} "Service {i}" {{\n  type technical\n  status pipeline\n  owner ops\n'
                f'  outcome "Consumers get what service {i} does"\n'
                f'  intangibility high {{\n    rationale "Nothing is handed over"\n  }}\n'
                f'  heterogeneity low {{\n    rationale "Automated"\n  }}\n  inseparability low\n'
                f'  perishability medium {{\n    capacity 500 sessions\n  }}\n'
                f'{dep}  tags "a", "b", "c"\n}}\n\n')

def org(name, leads):
    """150,000 teams and 150,000 people; with LEADS each team names its own."""
    lead = "  lead p{i}\n" if leads else ""
    with open(os.path.join(out, name), "w") as f:
        f.write(CATALOGUE)
        for i in range(150000):
            f.write(f'team t{i} "Team {i}" {{\n  email "t{i}@example.org"\n' + lead.format(i=i) + '}\n\n'
                    f'person p{i} "Person {i}" {{\n  team t{i}\n  email "p{i}@example.org"\n}}\n\n')


org("org.svc", True)
org("warned.svc", False)
