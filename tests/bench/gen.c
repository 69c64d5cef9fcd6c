/* gen.c — writes a synthetic catalogue that checks clean, for `make bench`.
 *
 *   gen N DIR
 *
 * N services in four tiers — infrastructure, platform, technical, business,
 * a quarter each — every service depending on one to three services of the
 * tier below (one in five of those soft); N/2 offerings with an access and
 * an action; N/20 teams, N/50 consumer groups, N/10 resources.  The root
 * DIR/catalogue.svc imports one file per tier, one for offerings and one
 * for the organisation.  Deterministic: the same N gives the same files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng = 88172645463325252ull;

static uint32_t next(uint32_t n) /* xorshift64: a number in [0, n) */
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static FILE *open_file(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    return f;
}

static const char *const tier_names[] = {"infrastructure", "platform", "technical", "business"};
static const char *const tier_types[] = {"technical", "technical", "technical", "business"};

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen N DIR\n");
        return 2;
    }
    long n = atol(argv[1]);
    if (n < 20) {
        fprintf(stderr, "gen: N must be at least 20\n");
        return 2;
    }
    const char *dir = argv[2];
    long teams = n < 40 ? 2 : n / 20, consumers = n < 50 ? 1 : n / 50, resources = n / 10;
    long offerings = n / 2;
    long per_tier = n / 4;

    FILE *root = open_file(dir, "catalogue.svc");
    fprintf(root, "// A synthetic catalogue of %ld services, written by tests/bench/gen.\n"
                  "catalogue bench \"Benchmark estate\" {\n  version \"1\"\n  provider \"Bench Ltd\"\n}\n\n"
                  "import \"itil4\"\nimport \"ihip\"\nimport \"./org.svc\"\nimport \"./offerings.svc\"\n",
            n);
    for (int t = 0; t < 4; t++)
        fprintf(root, "import \"./%s.svc\"\n", tier_names[t]);
    fclose(root);

    FILE *org = open_file(dir, "org.svc");
    for (long i = 0; i < teams; i++)
        fprintf(org, "team team%ld \"Team %ld\" {\n  email \"team%ld@bench.example\"\n  lead person%ld\n}\n\n"
                     "person person%ld \"Person %ld\" {\n  email \"person%ld@bench.example\"\n  team team%ld\n}\n\n",
                i, i, i, i, i, i, i, i);
    for (long i = 0; i < consumers; i++)
        fprintf(org, "consumer group%ld \"Consumer group %ld\" {\n  size %ld\n}\n\n", i, i, 50 + i % 5000);
    for (long i = 0; i < resources; i++)
        fprintf(org, "resource res%ld \"Resource %ld\" {\n  kind application\n  capacity %ld seats\n  owner team%ld\n}\n\n",
                i, i, 100 + i % 900, i % teams);
    fprintf(org, "practice incidents \"Incident management\" {\n  satisfies itil4.incident_management\n"
                 "  owner person0\n  manager team0\n  practitioners team0, team1\n  maturity 3\n}\n");
    fclose(org);

    for (int t = 0; t < 4; t++) {
        char name[64];
        snprintf(name, sizeof name, "%s.svc", tier_names[t]);
        FILE *f = open_file(dir, name);
        for (long k = 0; k < per_tier; k++) {
            long id = t * per_tier + k;
            fprintf(f, "/// Service %ld of the %s tier.\n"
                       "service svc%ld \"%s service %ld\" from ihip.digital_self_service {\n"
                       "  type %s\n  status live\n  owner team%ld\n"
                       "  outcome \"Consumers get what service %ld does\"\n"
                       "  removes_cost \"Running service %ld in house\"\n"
                       "  supported_by incidents\n  availability 99.%ld%%\n",
                    id, tier_names[t], id, tier_names[t], id, tier_types[t], id % teams, id, id,
                    90 + id % 10);
            if (t > 0) {
                uint32_t deps = 1 + next(3);
                long prev = -1;
                for (uint32_t d = 0; d < deps; d++) {
                    long target = (t - 1) * per_tier + next((uint32_t)per_tier);
                    if (target == prev)
                        continue;
                    prev = target;
                    if (next(5) == 0)
                        fprintf(f, "  depends_on svc%ld {\n    strength soft\n    reason \"Degrades gracefully\"\n  }\n", target);
                    else
                        fprintf(f, "  depends_on svc%ld\n", target);
                }
            }
            fprintf(f, "  tags \"%s\", \"generated\"\n}\n\n", tier_names[t]);
        }
        fclose(f);
    }

    FILE *off = open_file(dir, "offerings.svc");
    long business0 = 3 * per_tier;
    for (long i = 0; i < offerings; i++) {
        long svc = business0 + i % per_tier;
        fprintf(off, "offering off%ld \"Offering %ld\" {\n  services svc%ld\n  consumers group%ld\n"
                     "  access acc \"Access %ld\" {\n    resource res%ld\n    terms \"Acceptable use\"\n  }\n"
                     "  action act \"Request %ld\" {\n    performed_by team%ld\n    trigger request\n"
                     "    response 4h\n  }\n  level availability 90%%\n  price %ld.50 EUR per user per month\n}\n\n",
                i, i, svc, i % consumers, i, i % resources, i, i % teams, 1 + i % 40);
    }
    fclose(off);
    return 0;
}
