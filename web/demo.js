/* The demo page's own button opens the widget through its small page API. */
document.getElementById('open-chat').addEventListener('click', function () {
	if (window.heraldWidget) window.heraldWidget.open();
});
