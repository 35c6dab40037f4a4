"""English dates as the register has always written them ("26 May 2016"); Japanese uses Django's own
("2016年5月26日"). Templates ask for ``DATE_FORMAT``, so each language gets its own."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
