"""The program at a glance, as a proposalgen plugin: ``proposalgen build glance`` writes
``glance.txt``, the day on one page (times, labels, titles, speakers), to pin on a door or paste
into a mail.

This module is what proposalgen imports to list its targets, on every run: it names the render
function by ``module:function`` so that the rendering code is imported only when it runs."""
from proposalgen.registry import BUILD, Output, Target

GLANCE = Output("glance.txt", Target("glance", BUILD), "proposalgen_glance.glance:program_at_a_glance")
