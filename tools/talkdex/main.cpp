#include "cli.h"

int main(int argc, char** argv) { return talkdex::cli::run(argc, argv); }
