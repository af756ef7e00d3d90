/*
 * The baseline for `make bench`: parse a file with libyaml's event API and
 * do nothing with the events — the least any YAML-or-JSON reader on libyaml
 * must spend.  atgc's times are printed as ratios to this one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int
main(int argc, char **argv)
{
	FILE *f;
	yaml_parser_t p;
	yaml_event_t e;
	long events = 0;
	int done = 0;

	if (argc != 2 || !(f = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: yamlscan FILE\n");
		return 2;
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	while (!done) {
		if (!yaml_parser_parse(&p, &e)) {
			fprintf(stderr, "yamlscan: %s\n", p.problem ? p.problem : "parse error");
			return 1;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		events++;
	}
	yaml_parser_delete(&p);
	fclose(f);
	printf("%ld events\n", events);
	return 0;
}
